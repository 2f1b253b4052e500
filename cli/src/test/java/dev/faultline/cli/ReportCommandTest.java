package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline report} on copies of two real saved runs (reports' fixtures; never written into). */
class ReportCommandTest {
    private static final Path FIXTURES = Path.of(System.getProperty("faultline.root", ".."))
            .resolve("reports/src/test/resources/runs");
    private static final List<String> SUITE_FILES = List.of("index.html", "summary.md", "junit.xml");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir
    Path tmp;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** A report directory holding copies of the saved runs worker-crash (PASSED) and worker-crash-unsafe (FAILED). */
    private Path copiedResults() throws IOException {
        Path results = tmp.resolve("results");
        for (String run : List.of("worker-crash", "worker-crash-unsafe")) {
            copyTree(FIXTURES.resolve(run), results.resolve(run));
        }
        return results;
    }

    @Test
    void reportRebuildsTheSuiteFilesInTheReportDirectoryItIsGiven() throws Exception {
        Path results = copiedResults();

        int exit = FaultlineCommand.execute("report", results.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        for (String file : SUITE_FILES) {
            assertThat(Files.readString(results.resolve(file))).as(file)
                    .contains("worker-crash-unsafe").contains("643ms");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 run(s) reported: " + results.resolve("index.html"));
    }

    @Test
    void aPathWithNoSavedRunExitsTwoAndWritesNothing() throws Exception {
        Path results = copiedResults();
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        int exit = FaultlineCommand.execute("report", results.resolve("worker-crash").toString(), empty.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(empty + ": holds no saved run (no result.json in it or its subfolders)")
                .contains("nothing was written.");
        for (String file : SUITE_FILES) {
            assertThat(results.resolve(file)).doesNotExist();
            assertThat(empty.resolve(file)).doesNotExist();
        }
    }

    @Test
    void reportDirElsewhereReceivesTheSuiteFilesLinkingBackToTheRuns() throws Exception {
        Path results = copiedResults();
        Path elsewhere = tmp.resolve("published/suite");

        int exit = FaultlineCommand.execute("report", results.resolve("worker-crash").toString(),
                results.resolve("worker-crash-unsafe").toString(), "--report-dir", elsewhere.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        for (String file : SUITE_FILES) {
            assertThat(elsewhere.resolve(file)).isRegularFile();
            assertThat(results.resolve(file)).doesNotExist();
        }
        Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(Files.readString(elsewhere.resolve("index.html")));
        int links = 0;
        while (href.find()) {
            assertThat(elsewhere.resolve(href.group(1)).normalize()).startsWith(results).isRegularFile();
            links++;
        }
        assertThat(links).isEqualTo(2);
    }

    @Test
    void reportHelpExitsZeroAndNamesItsOptions() {
        int exit = FaultlineCommand.execute("report", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<result dir>").contains("--report-dir");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
