package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.Fixtures;

/** {@code faultline report --allure}: Allure's HTML built offline by the allure-commandline the build unpacked. */
class ReportAllureTest {
    /** The two saved runs reports' tests use (worker-crash PASSED, worker-crash-unsafe FAILED). */
    static final Path RUNS = Path.of(System.getProperty("faultline.root", ".."))
            .resolve("reports/src/test/resources/runs");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path reportDir;

    @AfterEach
    void forgetTheAllureHome() {
        System.clearProperty(AllureHtml.HOME_PROPERTY);
    }

    @Test
    void allureBuildsItsHtmlFromTheSuitesResults() throws IOException {
        // given a report directory holding a passed and a failed run
        copyRuns();

        // when
        int exit = FaultlineCommand.execute("report", reportDir.toString(), "--allure");

        // then
        assertThat(exit).as(console.err()).isZero();
        assertThat(reportDir.resolve("allure-report/index.html")).isRegularFile();
        JsonNode statistic = new ObjectMapper().readTree(reportDir.resolve("allure-report/widgets/summary.json")
                .toFile()).path("statistic");
        assertThat(List.of(statistic.path("passed").asInt(), statistic.path("failed").asInt(),
                statistic.path("broken").asInt(), statistic.path("total").asInt())).containsExactly(1, 1, 0, 2);
        assertThat(console.out())
                .contains("Allure report: " + reportDir.resolve("allure-report/index.html"));
    }

    @Test
    void withoutAllureCommandlineTheReportExitsFourSayingWhereItLooked(@TempDir Path empty) throws IOException {
        // given allure-commandline looked for in an empty folder
        copyRuns();
        System.setProperty(AllureHtml.HOME_PROPERTY, empty.toString());

        // when
        int exit = FaultlineCommand.execute("report", reportDir.toString(), "--allure");

        // then
        assertThat(exit).isEqualTo(4);
        assertThat(console.err()).isEqualTo("faultline report: cannot build Allure's HTML:"
                + " allure-commandline not found: no " + empty.resolve("bin/allure") + " (build it with 'mvn package',"
                + " or set -Dfaultline.allure.home to its folder)" + System.lineSeparator());
    }

    @Test
    void aFailingAllureExitsFourWithItsOutput(@TempDir Path fake) throws IOException {
        // given an "allure" that fails
        copyRuns();
        Path bin = Files.createDirectories(fake.resolve("bin"));
        Files.writeString(bin.resolve("allure"), "#!/bin/sh\necho 'no such results' >&2\nexit 3\n");
        bin.resolve("allure").toFile().setExecutable(true);
        System.setProperty(AllureHtml.HOME_PROPERTY, fake.toString());

        // when
        int exit = FaultlineCommand.execute("report", reportDir.toString(), "--allure");

        // then
        assertThat(exit).isEqualTo(4);
        assertThat(console.err()).isEqualTo("no such results" + System.lineSeparator()
                + "faultline report: cannot build Allure's HTML: allure generate exited with 3"
                + System.lineSeparator());
    }

    private void copyRuns() throws IOException {
        Fixtures.copyRuns(RUNS, reportDir);
    }
}
