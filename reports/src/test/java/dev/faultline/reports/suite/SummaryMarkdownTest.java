package dev.faultline.reports.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.saved.SavedRun;

class SummaryMarkdownTest {
    @TempDir
    Path tmp;

    private List<SavedRun> fixtures() throws Exception {
        return List.of(ResultFile.copyOfFixture(ResultFile.PASSED_RUN, tmp.resolve("runs")),
                ResultFile.copyOfFixture(ResultFile.FAILED_RUN, tmp.resolve("runs")));
    }

    private List<String> summaryLines(List<SavedRun> runs) throws Exception {
        Path suiteDir = tmp.resolve("suite");
        SuiteReport.write(runs, suiteDir, name -> null);
        return Files.readAllLines(suiteDir.resolve(SuiteReport.SUMMARY));
    }

    @Test
    void oneRowPerScenarioWorstFirstWithItsFiguresAgainstTheirObjectives() throws Exception {
        List<String> lines = summaryLines(fixtures());

        int header = lines.indexOf("| Scenario | Verdict | Detect | RTO | RPO | Lost | Dupl | Reason |");
        assertThat(lines.subList(header + 2, header + 4)).containsExactly(
                "| worker-crash-unsafe | **FAILED** | 64ms | 3.12s ok | 643ms (<= 0s) **VIOLATED** | 7 (<= 0) **VIOLATED**"
                        + " | 0 (<= 0) ok | integrity.lost expected <= 0 but was 7; integrity.rpo expected <= 0s but"
                        + " was 643ms |",
                "| worker-crash | PASSED | 59ms | 2.98s ok | 0s (<= 0s) ok | 0 (<= 0) ok | 0 (<= 0) ok"
                        + " | every objective met |");
    }

    @Test
    void theTotalsComeFirst() throws Exception {
        List<String> lines = summaryLines(fixtures());

        assertThat(lines.subList(0, 3)).containsExactly("### Faultline: 2 scenarios, 1 failed", "",
                "2 scenarios: 1 passed, 1 failed, 0 aborted, 0 error");
    }

    @Test
    void oneRowPerFaultWithItsRtoAgainstItsRecoveryObjective() throws Exception {
        List<SavedRun> runs = List.of(ResultFile.copyOfFixture(ResultFile.FAILED_RUN, tmp.resolve("runs")),
                ResultFile.of("no-objective", "FAILED", "x").fault("stuck", null, null, false)
                        .saveIn(tmp.resolve("runs/no-objective")));

        List<String> lines = summaryLines(runs);

        int header = lines.indexOf("| Scenario | Fault | Target | Detect | RTO |");
        assertThat(lines.subList(header + 2, lines.size())).containsExactly(
                "| no-objective | stuck | agent-crash on worker[0] | — | never |",
                "| worker-crash-unsafe | kill-worker | agent-crash on worker[0] | 64ms | 3.12s (<= 15s) ok |");
    }

    @Test
    void aFigureSavedWithABoundIsShownWithIt() throws Exception {
        List<SavedRun> runs = List.of(ResultFile.of("bounded", "PASSED", "every objective met")
                .fault("kill", 60L, 3_100L, true).bounds(3L, 11L).check("recovery[kill]", "<= 15s", "3.1s", true)
                .saveIn(tmp.resolve("runs/bounded")));

        List<String> lines = summaryLines(runs);

        assertThat(lines).contains("| bounded | kill | agent-crash on worker[0] | 60ms \u00b1 3ms | 3.1s \u00b1 11ms (<= 15s) ok |");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("| bounded | PASSED | 60ms \u00b1 3ms | 3.1s \u00b1 11ms ok |"));
    }

    @Test
    void pipesNewlinesAndMarkupInSavedTextStayInsideTheirCell() throws Exception {
        SavedRun run = ResultFile.of("a|b", "FAILED", "line one\nline | two <img src=x> [link](http://x) *bold*")
                .saveIn(tmp.resolve("runs/hostile"));

        List<String> lines = summaryLines(List.of(run));

        String row = lines.stream().filter(l -> l.startsWith("| a")).findFirst().orElseThrow();
        assertThat(row).isEqualTo("| a\\|b | **FAILED** | — | — | 0s | 0 | 0 | line one line \\| two \\<img src=x>"
                + " [link\\](http://x) \\*bold\\* |");
    }

    @Test
    void aVeryLongReasonIsCutAndSaysSo() throws Exception {
        SavedRun run = ResultFile.of("long", "FAILED", "x".repeat(1000)).saveIn(tmp.resolve("runs/long"));

        List<String> lines = summaryLines(List.of(run));

        String row = lines.stream().filter(l -> l.startsWith("| long")).findFirst().orElseThrow();
        assertThat(row).endsWith(" | " + "x".repeat(SummaryMarkdown.REASON_CAP - 1) + "… |");
    }

    @Test
    void theSummaryIsAppendedToTheFileGitHubStepSummaryNames() throws Exception {
        Path stepSummary = tmp.resolve("step_summary");
        Files.writeString(stepSummary, "an earlier step's summary\n");
        Path suiteDir = tmp.resolve("suite");

        SuiteReport.write(fixtures(), suiteDir, Map.of(SuiteReport.STEP_SUMMARY, stepSummary.toString())::get);

        assertThat(Files.readString(stepSummary))
                .isEqualTo("an earlier step's summary\n\n" + Files.readString(suiteDir.resolve(SuiteReport.SUMMARY)));
    }

    @Test
    void withoutGitHubStepSummaryOnlyTheSuiteFilesAreWritten() throws Exception {
        List<SavedRun> runs = fixtures();
        Path suiteDir = tmp.resolve("suite");

        SuiteReport.write(runs, suiteDir, name -> null);

        try (var files = Files.list(suiteDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(SuiteReport.INDEX, SuiteReport.SUMMARY, SuiteReport.JUNIT);
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("runs", "suite");
        }
    }
}
