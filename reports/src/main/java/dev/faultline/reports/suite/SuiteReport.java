package dev.faultline.reports.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.xml.stream.XMLStreamException;

import dev.faultline.engine.io.AtomicFile;
import dev.faultline.reports.history.RunRow;
import dev.faultline.reports.saved.SavedRun;

/**
 * Writes a suite's {@code index.html}, {@code summary.md} and {@code junit.xml} into its report directory from its
 * saved runs alone, each file whole or not at all. When the environment variable {@value #STEP_SUMMARY} names a file
 * (GitHub Actions sets it for each step), {@code summary.md}'s text is appended to it, so the job's summary page shows
 * the suite.
 */
public final class SuiteReport {
    public static final String INDEX = IndexHtml.NAME;
    public static final String SUMMARY = SummaryMarkdown.NAME;
    public static final String JUNIT = JunitXml.NAME;
    public static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private SuiteReport() {
    }

    /** {@link #write(List, Path, List, UnaryOperator)} with no history and the process's environment. */
    public static void write(List<SavedRun> runs, Path suiteDir) throws IOException {
        write(runs, suiteDir, List.of(), System::getenv);
    }

    /** {@link #write(List, Path, List, UnaryOperator)} with the process's environment. */
    public static void write(List<SavedRun> runs, Path suiteDir, List<RunRow> history) throws IOException {
        write(runs, suiteDir, history, System::getenv);
    }

    /** {@link #write(List, Path, List, UnaryOperator)} with no history. */
    public static void write(List<SavedRun> runs, Path suiteDir, UnaryOperator<String> env) throws IOException {
        write(runs, suiteDir, List.of(), env);
    }

    /**
     * Writes the three files into {@code suiteDir} (created when missing), then appends {@code summary.md} to the
     * file {@code env} gives for {@value #STEP_SUMMARY}, if any.
     *
     * @param history earlier scenario runs from the drill history, for {@code index.html}'s trend (may be empty)
     * @param env     the environment: a variable's name to its value, or null when unset
     */
    public static void write(List<SavedRun> runs, Path suiteDir, List<RunRow> history, UnaryOperator<String> env)
            throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a suite report needs at least one saved run, but was given none");
        }
        Files.createDirectories(suiteDir);
        String summary = SummaryMarkdown.render(runs);
        try {
            AtomicFile.writeString(suiteDir.resolve(INDEX), IndexHtml.render(runs, suiteDir, history));
            AtomicFile.writeString(suiteDir.resolve(JUNIT), JunitXml.render(runs, suiteDir));
        } catch (XMLStreamException e) {
            throw new IOException(suiteDir + ": cannot write the suite's markup: " + e.getMessage(), e);
        }
        AtomicFile.writeString(suiteDir.resolve(SUMMARY), summary);
        String stepSummary = env.apply(STEP_SUMMARY);
        if (stepSummary != null && !stepSummary.isBlank()) {
            appendStepSummary(Path.of(stepSummary), summary);
        }
    }

    private static void appendStepSummary(Path file, String summary) throws IOException {
        try {
            Files.write(file, utf8("\n" + summary), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IOException(STEP_SUMMARY + "=" + file + ": cannot append the suite's summary: " + e, e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
