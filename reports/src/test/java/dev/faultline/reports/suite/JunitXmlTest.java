package dev.faultline.reports.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.saved.SavedRun;

/** junit.xml as a real consumer reads it: Surefire's own report parser (what Maven's report plugins use). */
class JunitXmlTest {
    @TempDir
    Path tmp;

    private Path junit(List<SavedRun> runs) throws Exception {
        Path suiteDir = tmp.resolve("suite");
        SuiteReport.write(runs, suiteDir, name -> null);
        return suiteDir.resolve(SuiteReport.JUNIT);
    }

    private List<SavedRun> fixtures() throws Exception {
        return List.of(ResultFile.copyOfFixture(ResultFile.PASSED_RUN, tmp.resolve("runs")),
                ResultFile.copyOfFixture(ResultFile.FAILED_RUN, tmp.resolve("runs")));
    }

    /** Surefire's reading of the file: the suites that hold testcases, by their full class name. */
    private static ReportTestSuite suite(Path junit, String classname) throws Exception {
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(junit.toString());
        return suites.stream().filter(s -> classname.equals(s.getFullClassName())).findFirst().orElseThrow(
                () -> new AssertionError(classname + " not among " + suites));
    }

    private static List<ReportTestCase> failed(ReportTestSuite suite) {
        List<ReportTestCase> out = new ArrayList<>();
        suite.getTestCases().stream().filter(ReportTestCase::hasFailure).forEach(out::add);
        return out;
    }

    @Test
    void surefireReadsOneSuitePerScenario() throws Exception {
        Path junit = junit(fixtures());

        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(junit.toString());

        assertThat(suites).extracting(ReportTestSuite::getFullClassName)
                .containsExactly("faultline.worker-crash-unsafe", "faultline.worker-crash");
    }

    @Test
    void surefireReadsATestcasePerObjectiveCheckOfEachScenario() throws Exception {
        Path junit = junit(fixtures());

        ReportTestSuite passed = suite(junit, "faultline.worker-crash");
        ReportTestSuite failed = suite(junit, "faultline.worker-crash-unsafe");
        assertThat(List.of(passed.getNumberOfTests(), passed.getNumberOfFailures(), passed.getNumberOfErrors(),
                passed.getNumberOfSkipped())).containsExactly(13, 0, 0, 0);
        assertThat(List.of(failed.getNumberOfTests(), failed.getNumberOfFailures(), failed.getNumberOfErrors(),
                failed.getNumberOfSkipped())).containsExactly(8, 2, 0, 0);
        assertThat(failed.getTestCases()).extracting(ReportTestCase::getName).startsWith("recovery[kill-worker]",
                "integrity.lost", "integrity.duplicated", "integrity.rpo");
    }

    @Test
    void aViolatedCheckFailsWithItsExpectedAndActualInTheMessage() throws Exception {
        Path junit = junit(fixtures());

        List<ReportTestCase> failures = failed(suite(junit, "faultline.worker-crash-unsafe"));
        assertThat(failures).extracting(ReportTestCase::getName).containsExactly("integrity.lost", "integrity.rpo");
        assertThat(failures).extracting(ReportTestCase::getFailureMessage)
                .containsExactly("expected <= 0 but was 7", "expected <= 0s but was 643ms");
        assertThat(failures).extracting(ReportTestCase::getFailureType)
                .containsOnly(JunitXml.FAILURE_TYPE);
    }

    @Test
    void anErrorRunIsOneTestcaseInErrorCarryingItsReason() throws Exception {
        SavedRun run = ResultFile.of("broken", "ERROR", "cannot start faultline/agent: no such image")
                .saveIn(tmp.resolve("runs/broken"));

        ReportTestSuite suite = suite(junit(List.of(run)), "faultline.broken");

        assertThat(List.of(suite.getNumberOfTests(), suite.getNumberOfErrors(), suite.getNumberOfFailures()))
                .containsExactly(1, 1, 0);
        assertThat(suite.getTestCases().get(0).getName()).isEqualTo(JunitXml.RUN_CASE);
        assertThat(suite.getTestCases().get(0).getFailureMessage())
                .isEqualTo("cannot start faultline/agent: no such image");
    }

    @Test
    void anAbortedRunIsOneTestcaseInErrorNotASkippedOneCarryingItsReason() throws Exception {
        SavedRun run = ResultFile.of("halted", "ABORTED", "halt-when api-ready failing for 30s")
                .saveIn(tmp.resolve("runs/halted"));

        ReportTestSuite suite = suite(junit(List.of(run)), "faultline.halted");

        assertThat(List.of(suite.getNumberOfTests(), suite.getNumberOfErrors(), suite.getNumberOfSkipped()))
                .containsExactly(1, 1, 0);
        assertThat(suite.getTestCases().get(0).getFailureMessage()).isEqualTo("halt-when api-ready failing for 30s");
        assertThat(suite.getTestCases().get(0).getFailureType()).isEqualTo("faultline.ABORTED");
    }

    @Test
    void eachTestsuiteIsNamedAfterItsScenariosClassnameAndItsAttributesCountItsTestcases() throws Exception {
        List<SavedRun> runs = new ArrayList<>(fixtures());
        runs.add(ResultFile.of("broken", "ERROR", "no docker").saveIn(tmp.resolve("runs/broken")));
        runs.add(ResultFile.of("halted", "ABORTED", "halted").saveIn(tmp.resolve("runs/halted")));

        Dom junit = Dom.read(junit(runs));

        assertThat(junit.texts("/testsuites/testsuite/@name"))
                .containsExactly("faultline.broken", "faultline.halted", "faultline.worker-crash-unsafe",
                        "faultline.worker-crash");
        for (String name : List.of("faultline.broken", "faultline.halted", "faultline.worker-crash-unsafe",
                "faultline.worker-crash")) {
            String suite = "/testsuites/testsuite[@name='" + name + "']";
            assertThat(List.of(junit.text(suite + "/@tests"), junit.text(suite + "/@failures"),
                    junit.text(suite + "/@errors"), junit.text(suite + "/@skipped")))
                    .as(name)
                    .containsExactly(junit.text("count(" + suite + "/testcase)"),
                            junit.text("count(" + suite + "/testcase/failure)"),
                            junit.text("count(" + suite + "/testcase/error)"),
                            junit.text("count(" + suite + "/testcase/skipped)"));
        }
        assertThat(List.of(junit.text("/testsuites/@tests"), junit.text("/testsuites/@failures"),
                junit.text("/testsuites/@errors"), junit.text("/testsuites/@skipped")))
                .containsExactly("23", "2", "2", "0");
    }

    @Test
    void aTestsuiteTakesItsRunsStartAndDuration() throws Exception {
        Dom junit = Dom.read(junit(fixtures()));

        String suite = "/testsuites/testsuite[@name='faultline.worker-crash']";
        assertThat(junit.text(suite + "/@timestamp")).isEqualTo("2026-12-02T00:17:45");
        assertThat(junit.text(suite + "/@time")).isEqualTo("47.896");
        assertThat(junit.text(suite + "/testcase[1]/@classname")).isEqualTo("faultline.worker-crash");
    }

    @Test
    void eachTestsuiteNamesItsRunsReportRelativeToJunitXml() throws Exception {
        SavedRun elsewhere = ResultFile.passed("elsewhere").saveIn(tmp.resolve("other/elsewhere"));

        Dom junit = Dom.read(junit(List.of(elsewhere)));

        assertThat(junit.text("/testsuites/testsuite/system-out")).isEqualTo("report: ../other/elsewhere/report.html");
    }

    @Test
    void controlCharactersAndMarkupInSavedTextLeaveTheFileReadable() throws Exception {
        String reason = "\u001b[31mred\u001b[0m <error/> & \"quoted\" ]]> end";
        SavedRun run = ResultFile.of("ansi", "ERROR", reason).saveIn(tmp.resolve("runs/ansi"));

        ReportTestSuite suite = suite(junit(List.of(run)), "faultline.ansi");

        assertThat(suite.getTestCases().get(0).getFailureMessage())
                .isEqualTo("\uFFFD[31mred\uFFFD[0m <error/> & \"quoted\" ]]> end");
    }
}
