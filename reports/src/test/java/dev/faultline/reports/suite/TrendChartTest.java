package dev.faultline.reports.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.Fixtures;
import dev.faultline.reports.Reports;
import dev.faultline.reports.history.RunRow;
import dev.faultline.reports.saved.SavedRun;

/**
 * index.html's "Trend against earlier drills" from the fixture runs (worker-crash: RTO 2984 ms, 0 lost, started
 * 2026-12-02T00:17:45Z; worker-crash-unsafe: 7 lost) and history rows made here.
 */
class TrendChartTest {
    private static final Instant BEFORE = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private final List<SavedRun> runs = new ArrayList<>();

    @BeforeEach
    void readRuns() throws Exception {
        for (String name : Fixtures.RUNS) {
            runs.add(SavedRun.read(Fixtures.copyRun(name, dir)));
        }
    }

    @Test
    void eachScenarioWithEarlierRunsGetsAChartOfRtoAndLostEndingInThisRun() throws Exception {
        List<RunRow> history = List.of(row(1, "worker-crash", BEFORE.minusSeconds(7200), 2000L, 0L),
                row(2, "worker-crash", BEFORE.minusSeconds(3600), null, 0L),
                row(3, "worker-crash", BEFORE, 2200L, 0L));

        Reports.writeSuite(runs, dir, history);

        Dom index = Dom.read(dir.resolve("index.html"));
        assertThat(index.text("//section[@class='trend']/h2")).isEqualTo("Trend against earlier drills");
        String chart = "//figure[@data-scenario='worker-crash']//g[@data-figure='rto']";
        assertThat(index.texts("//figure/@data-scenario")).containsExactly("worker-crash");
        assertThat(index.texts(chart + "/*[contains(@class,'earlier')]/@data-value"))
                .containsExactly("2000", "", "2200");
        assertThat(index.texts(chart + "/*[contains(@class,'current')]/@data-value")).containsExactly("2984");
        assertThat(index.text(chart + "/*[contains(@class,'current')]/title")).isEqualTo("this run: RTO 2.98s");
        assertThat(index.text(chart + "/*[contains(@class,'missing')]/title"))
                .isEqualTo("2026-11-30 23:00 UTC, drill game-day: RTO not measured");
        assertThat(index.text(chart + "/*[@class='median']/@data-value")).isEqualTo("2100");
        // broken where RTO was not measured: the first run stands alone, a line from the third to this run
        assertThat(index.texts(chart + "/*[@class='line']/@points")).singleElement().asString()
                .matches("[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+");
        assertThat(index.texts("//figure[@data-scenario='worker-crash']//g[@data-figure='lost']"
                + "/*[contains(@class,'point')]/@data-value")).containsExactly("0", "0", "0", "0");
        assertThat(index.text("//p[contains(@class,'no-trend')]"))
                .isEqualTo("No earlier run in the history: worker-crash-unsafe.");
    }

    @Test
    void thisRunsRtoIsLabelledWithItsBound() throws Exception {
        // given this run's fault saved with its recovery's bound, 2.98s ± 14ms
        SavedRun run = runs.get(0);
        com.fasterxml.jackson.databind.node.ObjectNode result = run.result().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) result.get("faults").get(0)).put("recoveryBoundMs", 14);
        SavedRun bounded = new SavedRun(run.dir(), result, run.timeline(), 0, run.ledger());

        Reports.writeSuite(List.of(bounded), dir, List.of(row(1, "worker-crash", BEFORE, 2000L, 0L)));

        Dom index = Dom.read(dir.resolve("index.html"));
        String chart = "//figure[@data-scenario='worker-crash']//g[@data-figure='rto']";
        assertThat(index.text(chart + "/*[contains(@class,'current')]/title")).isEqualTo("this run: RTO 2.98s \u00b1 14ms");
        assertThat(index.text(chart + "/*[@class='current-value']")).isEqualTo("this run: 2.98s \u00b1 14ms");
        assertThat(index.texts(chart + "/*[contains(@class,'current')]/@data-value")).containsExactly("2984");
    }

    @Test
    void thisRunAlreadyRecordedAndLaterRunsAreNotEarlierRuns() throws Exception {
        SavedRun run = runs.get(0);
        List<RunRow> history = List.of(row(1, "worker-crash", BEFORE, 2000L, 0L),
                // recorded already: the history keeps its start to the millisecond, before result.json's
                new RunRow(2, 1L, "game-day", "worker-crash", run.runId(),
                        Instant.parse(run.startedAt()).truncatedTo(ChronoUnit.MILLIS),
                        Verdict.PASSED, Map.of(TrendFigure.RTO, 2984L), run.dir().toString()),
                row(3, "worker-crash", Instant.parse("2026-12-03T00:00:00Z"), 9000L, 0L));

        assertThat(TrendChart.earlier(run, history)).extracting(RunRow::id).containsExactly(1L);
    }

    @Test
    void withNoEarlierRunTheIndexIsTheOneWrittenWithoutHistory() throws Exception {
        Reports.writeSuite(runs, dir, List.of(row(1, "another-scenario", BEFORE, 1L, 0L)));
        String withHistory = Files.readString(dir.resolve("index.html"));

        Reports.writeSuite(runs, dir);

        assertThat(withHistory).isEqualTo(Files.readString(dir.resolve("index.html")))
                .doesNotContain("Trend against earlier drills");
    }

    @Test
    void theChartsTopIsANiceRoundValueAtOrAboveTheHighest() {
        assertThat(TrendChart.niceCeiling(2984)).isEqualTo(5000);
        assertThat(TrendChart.niceCeiling(2000)).isEqualTo(2000);
        assertThat(TrendChart.niceCeiling(7)).isEqualTo(10);
        assertThat(TrendChart.niceCeiling(1)).isEqualTo(1);
        assertThat(TrendChart.niceCeiling(2100)).isEqualTo(2500);
    }

    private static RunRow row(long id, String scenario, Instant startedAt, Long rtoMs, Long lost) {
        Map<TrendFigure, Long> figures = new EnumMap<>(TrendFigure.class);
        if (rtoMs != null) {
            figures.put(TrendFigure.RTO, rtoMs);
        }
        figures.put(TrendFigure.LOST, lost);
        return new RunRow(id, id, "game-day", scenario, scenario + "-" + id, startedAt, Verdict.PASSED, figures,
                "/runs/" + scenario + "-" + id);
    }
}
