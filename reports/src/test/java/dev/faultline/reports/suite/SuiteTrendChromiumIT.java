package dev.faultline.reports.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.Chromium;
import dev.faultline.reports.Fixtures;
import dev.faultline.reports.Reports;
import dev.faultline.reports.history.RunRow;
import dev.faultline.reports.saved.SavedRun;

/**
 * The suite's index.html with its trend against earlier drills (five earlier weekly drills of each fixture scenario,
 * one of them with a fault that never recovered), opened in real headless Chromium: it logs nothing and draws a chart
 * per scenario. The screenshot is target/screenshots/suite-trend.png.
 */
class SuiteTrendChromiumIT {
    private static final long[] RTO = {2100, 1900, 0, 2000, 2050};
    private static final long[] LOST = {0, 0, 3, 0, 1};

    @TempDir
    Path dir;

    @Test
    void theTrendSectionRendersAChartPerScenarioAndLogsNothing() throws Exception {
        List<SavedRun> runs = new ArrayList<>();
        List<RunRow> history = new ArrayList<>();
        long id = 0;
        for (String name : Fixtures.RUNS) {
            SavedRun run = SavedRun.read(Fixtures.copyRun(name, dir));
            runs.add(run);
            for (int week = 0; week < RTO.length; week++) {
                Map<TrendFigure, Long> figures = new EnumMap<>(TrendFigure.class);
                if (RTO[week] > 0) {
                    figures.put(TrendFigure.RTO, RTO[week]);
                }
                figures.put(TrendFigure.LOST, LOST[week]);
                Instant at = Instant.parse("2026-10-27T09:00:00Z").plusSeconds(7L * 86_400 * week);
                history.add(new RunRow(++id, id, "monthly-game-day", run.scenario(), name + "-" + id, at,
                        RTO[week] > 0 ? Verdict.PASSED : Verdict.FAILED, figures, "/runs/" + id));
            }
        }
        Reports.writeSuite(runs, dir, history);
        Path page = dir.resolve("index.html");

        Chromium chromium = Chromium.headless();
        Chromium.Render dom = chromium.render(page, Path.of("target", "screenshots", "suite-trend.png"), 1000, 1300);

        assertThat(dom.console()).isEmpty();
        assertThat(dom.dom()).contains("Trend against earlier drills");
        for (SavedRun run : runs) {
            assertThat(dom.dom()).contains("<figure class=\"trend-scenario\" data-scenario=\"" + run.scenario() + "\"");
        }
        assertThat(dom.dom().split("class=\"point current\"", -1)).hasSize(2 * 2 + 1);
    }
}
