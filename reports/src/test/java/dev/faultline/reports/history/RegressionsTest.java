package dev.faultline.reports.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.drill.Regression;
import dev.faultline.engine.drill.Regression.Bound;
import dev.faultline.engine.drill.Regression.Growth;
import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.run.Verdict;

class RegressionsTest {
    private static final Instant T = Instant.parse("2026-11-03T09:00:00Z");
    private static final Regression RTO_20_PERCENT = new Regression(5,
            List.of(new Bound(TrendFigure.RTO, Growth.percent(20))));

    @Test
    void theAcceptanceExampleAnRtoOf5Point1SecondsOverAMedianOf2SecondsBreaksA20PercentBound() {
        List<DrillRecord> earlier = List.of(drill(3, "worker-crash", TrendFigure.RTO, 2100L),
                drill(2, "worker-crash", TrendFigure.RTO, 2000L), drill(1, "worker-crash", TrendFigure.RTO, 1900L));

        List<RegressionCheck> checks = Regressions.judge(RTO_20_PERCENT,
                List.of(row("worker-crash", TrendFigure.RTO, 5100L)), earlier);

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.met()).isFalse();
            assertThat(c.actual()).isEqualTo(5100L);
            assertThat(c.median()).isEqualTo(2000L);
            assertThat(c.limit()).isEqualTo(2400L);
            assertThat(c.comparedWithDrillRuns()).containsExactly(3L, 2L, 1L);
            assertThat(c.message()).isEqualTo("worker-crash rto 5.1s regressed: over the median 2s of drill runs"
                    + " #3, #2, #1 + 20% = 2.4s");
        });
    }

    @Test
    void aValueAtTheLimitMeetsTheBound() {
        List<RegressionCheck> checks = Regressions.judge(RTO_20_PERCENT,
                List.of(row("worker-crash", TrendFigure.RTO, 2400L)), List.of(drill(1, "worker-crash", TrendFigure.RTO,
                        2000L)));

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.met()).isTrue();
            assertThat(c.message()).isEqualTo("worker-crash rto 2.4s is within the median 2s of drill runs #1 + 20%"
                    + " = 2.4s");
        });
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoRoundedHalfUp() {
        List<DrillRecord> earlier = List.of(drill(4, "a", TrendFigure.RTO, 1000L), drill(3, "a", TrendFigure.RTO,
                4001L), drill(2, "a", TrendFigure.RTO, 2000L), drill(1, "a", TrendFigure.RTO, 9000L));

        RegressionCheck check = Regressions.judge(RTO_20_PERCENT, List.of(row("a", TrendFigure.RTO, 1L)), earlier)
                .get(0);

        assertThat(check.median()).isEqualTo(3001L); // (2000 + 4001) / 2 = 3000.5
    }

    @Test
    void onlyTheLastCompareWithDrillsCount() {
        Regression lastTwo = new Regression(2, List.of(new Bound(TrendFigure.RTO, Growth.percent(0))));
        List<DrillRecord> earlier = List.of(drill(3, "a", TrendFigure.RTO, 1000L), drill(2, "a", TrendFigure.RTO,
                3000L), drill(1, "a", TrendFigure.RTO, 100_000L));

        RegressionCheck check = Regressions.judge(lastTwo, List.of(row("a", TrendFigure.RTO, 1L)), earlier).get(0);

        assertThat(check.comparedWithDrillRuns()).containsExactly(3L, 2L);
        assertThat(check.median()).isEqualTo(2000L);
    }

    @Test
    void aPercentBoundGrowsWithTheMedianAndRoundsDownWhileAnAbsoluteOneAddsItsAmount() {
        Regression bounds = new Regression(5, List.of(new Bound(TrendFigure.LOST, Growth.percent(20)),
                new Bound(TrendFigure.LOST, Growth.absolute(2))));

        List<RegressionCheck> checks = Regressions.judge(bounds, List.of(row("a", TrendFigure.LOST, 4L)),
                List.of(drill(1, "a", TrendFigure.LOST, 3L)));

        assertThat(checks).extracting(RegressionCheck::limit).containsExactly(3L, 5L); // 3 + 0.6 → 3; 3 + 2
        assertThat(checks).extracting(RegressionCheck::met).containsExactly(false, true);
        assertThat(checks.get(1).message()).isEqualTo("a lost 4 is within the median 3 of drill runs #1 + 2 = 5");
    }

    @Test
    void aFloorUnderTheShareKeepsRunToRunNoiseOfAShortRtoFromBreakingTheBound() {
        // measured back to back on one machine: broker-outage's RTO 5.38 s, then 7.23 s with nothing changed
        assertThat(Regressions.limit(5380, new Growth(20.0, 2000))).isEqualTo(7380);
        assertThat(Regressions.limit(5380, Growth.percent(20))).isEqualTo(6456);
        // a long RTO: the share is the larger, and rules
        assertThat(Regressions.limit(20_000, new Growth(20.0, 2000))).isEqualTo(24_000);
    }

    @Test
    void mayGrowZeroAllowsNoGrowthAtAll() {
        Regression none = new Regression(5, List.of(new Bound(TrendFigure.LOST, Growth.absolute(0))));

        RegressionCheck check = Regressions.judge(none, List.of(row("a", TrendFigure.LOST, 1L)),
                List.of(drill(1, "a", TrendFigure.LOST, 0L))).get(0);

        assertThat(check.met()).isFalse();
        assertThat(check.message()).isEqualTo("a lost 1 regressed: over the median 0 of drill runs #1 + 0 = 0");
    }

    @Test
    void anRtoThatNeverRecoveredAgainstAMedianBreaksTheBound() {
        RegressionCheck check = Regressions.judge(RTO_20_PERCENT, List.of(row("a", TrendFigure.RTO, null)),
                List.of(drill(1, "a", TrendFigure.RTO, 2000L))).get(0);

        assertThat(check.met()).isFalse();
        assertThat(check.actual()).isNull();
        assertThat(check.message()).isEqualTo("a rto never recovered: regressed against the median 2s of drill runs"
                + " #1 + 20% = 2.4s");
    }

    @Test
    void withNoEarlierValueThereIsNothingToCompareWithAndTheCheckSaysSo() {
        List<DrillRecord> earlier = List.of(drill(2, "a", TrendFigure.RTO, null), drill(1, "other",
                TrendFigure.RTO, 2000L));

        RegressionCheck check = Regressions.judge(RTO_20_PERCENT, List.of(row("a", TrendFigure.RTO, 9000L)), earlier)
                .get(0);

        assertThat(check.met()).isTrue();
        assertThat(check.median()).isNull();
        assertThat(check.limit()).isNull();
        assertThat(check.comparedWithDrillRuns()).isEmpty();
        assertThat(check.message()).isEqualTo("a rto 9s: no earlier drill measured it (of 2 compared), nothing to"
                + " compare with");
    }

    @Test
    void earlierDrillsWhereTheFigureWasMissingAreLeftOutOfTheMedian() {
        List<DrillRecord> earlier = List.of(drill(3, "a", TrendFigure.RTO, null), drill(2, "a", TrendFigure.RTO,
                1000L), drill(1, "a", TrendFigure.RTO, 3000L));

        RegressionCheck check = Regressions.judge(RTO_20_PERCENT, List.of(row("a", TrendFigure.RTO, 1L)), earlier)
                .get(0);

        assertThat(check.comparedWithDrillRuns()).containsExactly(2L, 1L);
        assertThat(check.median()).isEqualTo(2000L);
    }

    @Test
    void oneCheckPerScenarioAndBoundInTheirOrder() {
        Regression two = new Regression(5, List.of(new Bound(TrendFigure.RTO, Growth.percent(20)),
                new Bound(TrendFigure.LOST, Growth.absolute(0))));

        List<RegressionCheck> checks = Regressions.judge(two, List.of(row("b", TrendFigure.RTO, 1L),
                row("a", TrendFigure.RTO, 1L), row("b", TrendFigure.RTO, 2L)), List.of());

        assertThat(checks).extracting(c -> c.scenario() + " " + c.figure().yamlName())
                .containsExactly("b rto", "b lost", "a rto", "a lost");
        assertThat(checks.get(0).actual()).isEqualTo(2L);
    }

    private static RunRow row(String scenario, TrendFigure figure, Long value) {
        Map<TrendFigure, Long> figures = new EnumMap<>(TrendFigure.class);
        if (value != null) {
            figures.put(figure, value);
        }
        return new RunRow(0, null, "d", scenario, scenario + "-run", T, Verdict.PASSED, figures, "/runs/" + scenario);
    }

    private static DrillRecord drill(long id, String scenario, TrendFigure figure, Long value) {
        List<RunRow> runs = new ArrayList<>();
        runs.add(row(scenario, figure, value));
        return new DrillRecord(id, "d", null, T.minusSeconds(id), T, Verdict.PASSED, "", runs);
    }
}
