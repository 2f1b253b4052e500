package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.Fixtures;

/** {@code faultline report} on copies of two real saved runs (reports' fixtures; never written into). */
class ReportCommandTest {
    private static final Path FIXTURES = Path.of(System.getProperty("faultline.root", ".."))
            .resolve("reports/src/test/resources/runs");
    private static final List<String> SUITE_FILES = List.of("index.html", "summary.md", "junit.xml");
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    /** A report directory holding copies of the saved runs worker-crash (PASSED) and worker-crash-unsafe (FAILED). */
    private Path copiedResults() throws IOException {
        return Fixtures.copyRuns(FIXTURES, tmp.resolve("results"));
    }

    @Test
    void reportRebuildsTheSuiteFilesInTheReportDirectoryItIsGiven() throws Exception {
        Path results = copiedResults();

        int exit = FaultlineCommand.execute("report", results.toString());

        assertThat(exit).as(console.err()).isZero();
        for (String file : SUITE_FILES) {
            assertThat(Files.readString(results.resolve(file))).as(file)
                    .contains("worker-crash-unsafe").contains("643ms");
        }
        assertThat(console.out()).contains("2 run(s) reported: " + results.resolve("index.html"));
    }

    @Test
    void aPathWithNoSavedRunExitsTwoAndWritesNothing() throws Exception {
        Path results = copiedResults();
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        int exit = FaultlineCommand.execute("report", results.resolve("worker-crash").toString(), empty.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err())
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

        assertThat(exit).as(console.err()).isZero();
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
        assertThat(console.out()).contains("<result dir>").contains("--report-dir");
    }
}
