package dev.faultline.reports.allure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.TestResult;

import dev.faultline.reports.saved.SavedRun;

/**
 * Saved runs as Allure results, written through allure-java-commons' own lifecycle and writer, from the one mapping
 * of {@link AllureRun}: {@link #write} makes a suite's {@code allure-results/} (a test per scenario) for the CLI;
 * {@link #describeCurrentTest} adds a run's steps, attachments and labels to the JUnit 5 test it ran in (when
 * allure-junit5 tracks one).
 */
public final class AllureResults {
    /** The folder of a suite's Allure results, in its report directory. */
    public static final String DIR = "allure-results";

    private AllureResults() {
    }

    /**
     * Writes a test per run into {@code resultsDir} (made when missing), after removing the Allure results and
     * attachments an earlier write left there (anything else, such as a {@code history/} folder, stays). A run's
     * test and attachment files are named after its run id, so writing the same runs again gives the same files.
     */
    public static void write(List<SavedRun> runs, Path resultsDir) throws IOException {
        Files.createDirectories(resultsDir);
        try (var files = Files.list(resultsDir)) {
            for (Path old : files.filter(Files::isRegularFile).filter(AllureResults::isAllureFile).toList()) {
                Files.delete(old);
            }
        }
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(resultsDir));
        for (SavedRun run : runs) {
            AllureRun allure = AllureRun.of(run);
            String uuid = UUID.nameUUIDFromBytes((run.scenario() + "/" + run.runId())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            TestResult test = allure.testResult(uuid);
            test.getAttachments().addAll(writeAttachments(lifecycle, uuid, allure));
            Long start = test.getStart();
            Long stop = test.getStop();
            lifecycle.scheduleTestCase(test);
            lifecycle.startTestCase(uuid);
            lifecycle.stopTestCase(uuid);
            // start and stop are the run's, not the moments this report was written
            lifecycle.updateTestCase(uuid, t -> t.setStart(start).setStop(stop));
            lifecycle.writeTestCase(uuid);
        }
    }

    /**
     * Adds the run saved in {@code runDir} to the Allure test running on this thread (allure-junit5's): its steps,
     * attachments, labels and parameters; the test keeps its own name, status and times. Does nothing and returns
     * false when no Allure test is running or {@code runDir} holds no saved run; a run that cannot be read or
     * attached is reported on stderr, never thrown, so the test's own outcome stands.
     */
    public static boolean describeCurrentTest(Path runDir) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        Optional<String> test = lifecycle.getCurrentTestCase();
        if (test.isEmpty() || runDir == null || !SavedRun.isRunDir(runDir)) {
            return false;
        }
        try {
            AllureRun allure = AllureRun.of(SavedRun.read(runDir));
            List<Attachment> attachments = writeAttachments(lifecycle, UUID.randomUUID().toString(), allure);
            lifecycle.updateTestCase(test.get(), t -> {
                t.getLabels().addAll(allure.labels());
                t.getParameters().addAll(allure.parameters());
                t.getSteps().addAll(allure.steps());
                t.getAttachments().addAll(attachments);
            });
            return true;
        } catch (IOException | RuntimeException e) {
            System.err.println("faultline: cannot add the run in " + runDir + " to the Allure test: " + e.getMessage());
            return false;
        }
    }

    /** Copies the run's attachment files into the results as {@code <prefix>-<n>-attachment<ext>}. */
    private static List<Attachment> writeAttachments(AllureLifecycle lifecycle, String prefix, AllureRun allure)
            throws IOException {
        List<Attachment> attachments = new ArrayList<>();
        List<AllureRun.AttachmentFile> files = allure.attachments();
        for (int i = 0; i < files.size(); i++) {
            AllureRun.AttachmentFile file = files.get(i);
            String source = prefix + "-" + i + "-attachment" + file.extension();
            try (InputStream in = Files.newInputStream(file.file())) {
                lifecycle.writeAttachment(source, in);
            }
            attachments.add(new Attachment().setName(file.name()).setType(file.type()).setSource(source)
                    .setSize(Files.size(file.file())));
        }
        return attachments;
    }

    private static boolean isAllureFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("-result.json") || name.endsWith("-container.json") || name.contains("-attachment");
    }
}
