package dev.faultline.reports.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.saved.SavedRun;

class IndexHtmlTest {
    private static final String UNSAFE = "//tbody[@data-scenario='worker-crash-unsafe']";

    @TempDir
    Path tmp;

    private Dom index(List<SavedRun> runs, Path suiteDir) throws Exception {
        SuiteReport.write(runs, suiteDir, name -> null);
        return Dom.read(suiteDir.resolve(SuiteReport.INDEX));
    }

    @Test
    void runsAreListedWorstFirstThenByScenarioName() throws Exception {
        List<SavedRun> runs = List.of(
                ResultFile.passed("alpha").saveIn(tmp.resolve("run-1")),
                ResultFile.of("zulu", "FAILED", "x").saveIn(tmp.resolve("run-2")),
                ResultFile.of("bravo", "FAILED", "x").saveIn(tmp.resolve("run-3")),
                ResultFile.of("echo", "ABORTED", "halted").saveIn(tmp.resolve("run-4")),
                ResultFile.of("delta", "ERROR", "no docker").saveIn(tmp.resolve("run-5")));

        Dom index = index(runs, tmp.resolve("suite"));

        assertThat(index.texts("//tbody/@data-scenario")).containsExactly("delta", "echo", "bravo", "zulu", "alpha");
    }

    @Test
    void aDrillsSuiteReportOpensWithItsVerdictAndItsBrokenRegressionBoundsFirst() throws Exception {
        Path suite = Files.createDirectories(tmp.resolve("suite"));
        Files.writeString(suite.resolve("drill.json"), """
                {"drill": "monthly-game-day", "drill-run": 2, "verdict": "FAILED",
                 "reason": "regression: broker-outage rto 7.23s regressed",
                 "regression": [
                   {"met": true, "message": "worker-crash rto 4.84s is within the median 6.56s of drill runs #1 + 20% = 7.88s"},
                   {"met": false, "message": "broker-outage rto 7.23s regressed: over the median 5.38s of drill runs #1 + 20% = 6.46s"}]}
                """);

        Dom index = index(List.of(ResultFile.passed("a").saveIn(tmp.resolve("a"))), suite);

        assertThat(index.text("//section[@class='drill verdict-FAILED']/div[@class='headline']"))
                .isEqualTo("Drill monthly-game-day, run 2: FAILED");
        assertThat(index.texts("//section/ul/li")).containsExactly(
                "BROKEN: broker-outage rto 7.23s regressed: over the median 5.38s of drill runs #1 + 20% = 6.46s",
                "ok: worker-crash rto 4.84s is within the median 6.56s of drill runs #1 + 20% = 7.88s");
    }

    @Test
    void aSuiteThatWasNoDrillHasNoDrillSection() throws Exception {
        Path suite = Files.createDirectories(tmp.resolve("suite"));
        Files.writeString(suite.resolve("drill.json"), "not json");

        Dom index = index(List.of(ResultFile.passed("a").saveIn(tmp.resolve("a"))), suite);

        assertThat(index.texts("//section")).isEmpty();
    }

    @Test
    void totalsCountTheScenariosAndEachVerdict() throws Exception {
        List<SavedRun> runs = List.of(
                ResultFile.passed("a").saveIn(tmp.resolve("a")),
                ResultFile.passed("b").saveIn(tmp.resolve("b")),
                ResultFile.of("c", "FAILED", "x").saveIn(tmp.resolve("c")),
                ResultFile.of("d", "ERROR", "x").saveIn(tmp.resolve("d")));

        Dom index = index(runs, tmp.resolve("suite"));

        assertThat(index.texts("//ul[@class='totals']/li"))
                .containsExactly("4 scenarios", "2 passed", "1 failed", "0 aborted", "1 error");
    }

    @Test
    void aFailedRunShowsItsSavedFiguresAgainstTheirObjectives() throws Exception {
        List<SavedRun> runs = List.of(ResultFile.copyOfFixture(ResultFile.PASSED_RUN, tmp),
                ResultFile.copyOfFixture(ResultFile.FAILED_RUN, tmp));

        Dom index = index(runs, tmp);

        String run = UNSAFE + "/tr[@class='scenario']";
        assertThat(index.text(run + "/td[@class='verdict']")).isEqualTo("FAILED");
        assertThat(index.text(run + "/td[@class='detect']")).isEqualTo("64ms");
        assertThat(index.text(run + "/td[@class='rto']")).isEqualTo("3.12s met");
        assertThat(index.text(run + "/td[@class='rpo']")).isEqualTo("643ms objective <= 0s violated");
        assertThat(index.text(run + "/td[@class='lost']")).isEqualTo("7 objective <= 0 violated");
        assertThat(index.text(run + "/td[@class='duplicated']")).isEqualTo("0 objective <= 0 met");
        assertThat(index.text(UNSAFE + "/tr[@class='reason']/td")).isEqualTo(
                "integrity.lost expected <= 0 but was 7; integrity.rpo expected <= 0s but was 643ms");
    }

    @Test
    void eachFaultShowsItsTimeToDetectAndItsRtoAgainstItsRecoveryObjective() throws Exception {
        List<SavedRun> runs = List.of(ResultFile.copyOfFixture(ResultFile.FAILED_RUN, tmp));

        Dom index = index(runs, tmp);

        String fault = UNSAFE + "/tr[@data-fault='kill-worker']";
        assertThat(index.text(fault + "/td[@class='scenario']")).isEqualTo("↳ kill-worker agent-crash on worker[0]");
        assertThat(index.text(fault + "/td[@class='detect']")).isEqualTo("64ms");
        assertThat(index.text(fault + "/td[@class='rto']")).isEqualTo("3.12s objective <= 15s met");
    }

    @Test
    void eachFaultIsJudgedAgainstItsOwnRecoveryCheckAndTheRunAgainstAllOfThem() throws Exception {
        SavedRun run = ResultFile.of("two-faults", "FAILED", "x")
                .fault("quick", 100L, 2_000L, true)
                .fault("slow", 100L, 40_000L, true)
                .check("recovery[quick]", "<= 5s", "2s", true)
                .check("recovery[slow]", "<= 30s", "40s", false)
                .saveIn(tmp.resolve("two-faults"));

        Dom index = index(List.of(run), tmp);

        String tbody = "//tbody[@data-scenario='two-faults']";
        assertThat(index.text(tbody + "/tr[@data-fault='quick']/td[@class='rto']")).isEqualTo("2s objective <= 5s met");
        assertThat(index.text(tbody + "/tr[@data-fault='slow']/td[@class='rto']"))
                .isEqualTo("40s objective <= 30s violated");
        assertThat(index.text(tbody + "/tr[@class='scenario']/td[@class='rto']")).isEqualTo("40s violated");
    }

    @Test
    void eachFigureSavedWithABoundIsShownWithItAndTheRunsSlowestWithItsOwn() throws Exception {
        // given two faults: quick detected in 100ms ± 4ms, recovered in 2s ± 30ms; slow 100ms ± 9ms and 40s ± 12ms
        SavedRun run = ResultFile.of("two-faults", "FAILED", "x")
                .fault("quick", 100L, 2_000L, true).bounds(4L, 30L)
                .fault("slow", 100L, 40_000L, true).bounds(9L, 12L)
                .check("recovery[quick]", "<= 5s", "2s", true)
                .saveIn(tmp.resolve("two-faults"));

        Dom index = index(List.of(run), tmp);

        String tbody = "//tbody[@data-scenario='two-faults']";
        assertThat(index.text(tbody + "/tr[@data-fault='quick']/td[@class='detect']")).isEqualTo("100ms \u00b1 4ms");
        assertThat(index.text(tbody + "/tr[@data-fault='quick']/td[@class='rto']"))
                .isEqualTo("2s \u00b1 30ms objective <= 5s met");
        assertThat(index.text(tbody + "/tr[@class='scenario']/td[@class='detect']")).isEqualTo("100ms \u00b1 9ms");
        assertThat(index.text(tbody + "/tr[@class='scenario']/td[@class='rto']")).isEqualTo("40s \u00b1 12ms met");
    }

    @Test
    void aFaultWithoutARecoveryObjectiveShowsADashAndOneThatNeverRecoveredShowsNever() throws Exception {
        SavedRun run = ResultFile.of("hang", "FAILED", "x")
                .fault("stuck", 250L, null, false)
                .check("integrity.lost", "<= 0", "0", true)
                .saveIn(tmp.resolve("hang"));

        Dom index = index(List.of(run), tmp);

        String fault = "//tbody[@data-scenario='hang']/tr[@data-fault='stuck']";
        assertThat(index.text(fault + "/td[@class='detect']")).isEqualTo("250ms");
        assertThat(index.text(fault + "/td[@class='rto']")).isEqualTo("never objective —");
    }

    @Test
    void eachScenarioLinksToItsRunReportRelativeToTheIndexWhereverTheRunFolderIs() throws Exception {
        Path suiteDir = tmp.resolve("suite");
        SavedRun inside = ResultFile.passed("inside").saveIn(suiteDir.resolve("inside"));
        SavedRun elsewhere = ResultFile.passed("elsewhere").saveIn(tmp.resolve("other place/run #1"));
        Files.writeString(inside.dir().resolve("report.html"), "<html></html>");
        Files.writeString(elsewhere.dir().resolve("report.html"), "<html></html>");

        Dom index = index(List.of(inside, elsewhere), suiteDir);

        URI base = suiteDir.resolve(SuiteReport.INDEX).toUri();
        String insideHref = index.text("//tbody[@data-scenario='inside']//a/@href");
        String elsewhereHref = index.text("//tbody[@data-scenario='elsewhere']//a/@href");
        assertThat(insideHref).isEqualTo("inside/report.html");
        assertThat(elsewhereHref).isEqualTo("../other%20place/run%20%231/report.html");
        assertThat(Path.of(base.resolve(insideHref))).isEqualTo(inside.dir().resolve("report.html")).isRegularFile();
        assertThat(Path.of(base.resolve(elsewhereHref))).isEqualTo(elsewhere.dir().resolve("report.html"))
                .isRegularFile();
    }

    @Test
    void aRunWithoutItsReportHtmlLinksToItsResultJson() throws Exception {
        SavedRun run = ResultFile.passed("bare").saveIn(tmp.resolve("bare"));

        Dom index = index(List.of(run), tmp);

        assertThat(index.text("//tbody[@data-scenario='bare']//a/@href")).isEqualTo("bare/result.json");
    }

    @Test
    void hostileSavedTextIsEscapedAndReadsBackAsItWasSaved() throws Exception {
        String scenario = "<script>alert('x')</script>";
        String reason = "a \"quoted\" & <b>bold</b> </td></tr></table> reason";
        SavedRun run = ResultFile.of(scenario, "FAILED", reason)
                .fault("</td><td>", 1L, 2L, true)
                .saveIn(tmp.resolve("hostile"));

        Dom index = index(List.of(run), tmp);

        String html = Files.readString(tmp.resolve(SuiteReport.INDEX));
        assertThat(html).doesNotContain("<script").doesNotContain("<b>").doesNotContain("</td><td>↳");
        assertThat(index.text("//tbody/@data-scenario")).isEqualTo(scenario);
        assertThat(index.text("//tr[@class='reason']/td")).isEqualTo(reason);
        assertThat(index.text("//tr[@class='fault']/@data-fault")).isEqualTo("</td><td>");
    }

    @Test
    void theIndexFetchesNothing() throws Exception {
        List<SavedRun> runs = List.of(ResultFile.copyOfFixture(ResultFile.PASSED_RUN, tmp),
                ResultFile.copyOfFixture(ResultFile.FAILED_RUN, tmp));

        index(runs, tmp);

        String html = Files.readString(tmp.resolve(SuiteReport.INDEX));
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .doesNotContain("url(").doesNotContain("@import").doesNotContain("http:").doesNotContain("https:");
    }
}
