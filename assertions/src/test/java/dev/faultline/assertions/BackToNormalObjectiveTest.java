package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Objective.Check;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.RunRecord;

class BackToNormalObjectiveTest {
    private final BackToNormalObjectiveType type = new BackToNormalObjectiveType();

    private Objective configure(Object... keysAndValues) {
        return type.configure(MapParams.of("objectives.back-to-normal", keysAndValues), Runs.SUPPORT_DESK);
    }

    /**
     * 30 s of load, 10 items a second; the broker away from 10 s to 12 s (probe api failing meanwhile, passing again
     * at 12 s: recovered at 12 s). Each item answered in 20 ms and completed {@code workMs} later, or after
     * {@code workAfterMs} when submitted from 14 s on (never when negative).
     */
    private static RunRecord run(long workMs, long workAfterMs) {
        Runs runs = new Runs().load(0, 30_000).window("broker-away", "rabbitmq", 10_000, 12_000)
                .api("+".repeat(100) + "-".repeat(20) + "+".repeat(180));
        for (int i = 0; i < 300; i++) {
            long at = i * 100L;
            long work = at >= 14_000 ? workAfterMs : workMs;
            // a little spread, the same before and after: 0..90 ms more by the item's place in its second
            runs.item("t-" + i, at, at + 20, 202, work < 0 ? -1 : at + work + (i % 10) * 10);
        }
        return runs.run();
    }

    private static List<Check> evaluate(Objective objective, RunRecord run) {
        return Runs.evaluate(objective, run);
    }

    @Test
    void aLoadThatBehavesAfterTheRecoveryAsBeforeTheFaultMeetsEveryCheck() {
        List<Check> checks = evaluate(configure("basis", "completion", "window", "8s", "settle", "2s"), run(400, 400));

        assertThat(checks).extracting(Check::name).containsExactly("back-to-normal.throughput",
                "back-to-normal.p50-latency", "back-to-normal.p99-latency", "back-to-normal.error-rate");
        assertThat(checks).allMatch(Check::met);
    }

    @Test
    void completionsTwiceAsSlowAfterTheRecoveryViolateTheLatencyChecks() {
        List<Check> checks = evaluate(configure("basis", "completion", "window", "8s", "settle", "2s"), run(400, 900));

        assertThat(checks).filteredOn(c -> !c.met()).extracting(Check::name)
                .containsExactly("back-to-normal.p50-latency", "back-to-normal.p99-latency");
        assertThat(checks.get(1)).isEqualTo(new Check("back-to-normal.p50-latency",
                "after <= before + 25% (one-sided, significance 0.25%)",
                "before 440ms, after 940ms, limit 550ms, p 0.05%: degraded", false));
    }

    @Test
    void onTheAnswerBasisSlowerCompletionsChangeNothing() {
        assertThat(evaluate(configure("window", "8s", "settle", "2s"), run(400, 900))).allMatch(Check::met);
    }

    @Test
    void itemsNeverCompletedAfterTheRecoveryViolateThroughputAndLatency() {
        List<Check> checks = evaluate(configure("basis", "completion", "window", "8s", "settle", "2s"),
                run(400, -1));

        assertThat(checks).filteredOn(c -> !c.met()).extracting(Check::name).containsExactly(
                "back-to-normal.throughput", "back-to-normal.p50-latency", "back-to-normal.p99-latency");
        assertThat(checks.get(2).actual()).startsWith("before 490ms, after never,");
    }

    @Test
    void aFaultThatNeverRecoveredLeavesNothingToCompareAndViolatesEveryCheck() {
        RunRecord run = new Runs().load(0, 30_000).window("broker-away", "rabbitmq", 10_000, 12_000)
                .api("+".repeat(100) + "-".repeat(200)).item("t-1", 100, 120, 202, 500).run();

        assertThat(evaluate(configure(), run)).hasSize(4).allSatisfy(c -> {
            assertThat(c.met()).isFalse();
            assertThat(c.actual()).isEqualTo("nothing to compare: not recovered: broker-away");
        });
    }

    @Test
    void tooLittleLoadAfterTheRecoveryLeavesNothingToCompare() {
        List<Check> checks = evaluate(configure("window", "8s", "settle", "16s"), run(400, 400));

        assertThat(checks.get(0).actual()).isEqualTo("nothing to compare: only 2s of load from settle after the last "
                + "recovery to the end of the load (needs 3s)");
    }

    @Test
    void theFiguresForResultJsonHoldBothWindowsAndEveryMetric() {
        Objective objective = configure("basis", "completion", "window", "8s", "settle", "2s");
        RunRecord run = run(400, 900);

        Map<String, Object> figures = objective.figures(run, Measurements.of(run,
                StabilityRequirement.resolve(run.scenario())));

        assertThat(figures).containsEntry("basis", "completion").containsEntry("windowMs", 8000L)
                .containsEntry("settleMs", 2000L).containsEntry("problem", null)
                .containsEntry("before", Map.of("fromMs", 2000L, "toMs", 10_000L, "blocks", 8))
                .containsEntry("after", Map.of("fromMs", 14_000L, "toMs", 22_000L, "blocks", 8));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> metrics = (Map<String, Map<String, Object>>) figures.get("metrics");
        assertThat(metrics).containsOnlyKeys("throughput", "p50-latency", "p99-latency", "error-rate");
        assertThat(metrics.get("p50-latency")).containsEntry("before", 440.0).containsEntry("after", 940.0)
                .containsEntry("degraded", true);
    }

    @Test
    void aWindowUnderThreeSecondsIsRefused() {
        assertThatThrownBy(() -> configure("window", "2s")).hasMessageContaining(
                "window: must be at least 3s (each window is cut into one-second blocks), but was 2s");
    }

    @Test
    void anUnknownBasisIsRefused() {
        assertThatThrownBy(() -> configure("basis", "done")).hasMessageContaining(
                "basis: expected one of answer, completion but was 'done'");
    }

    @Test
    void aSignificanceOfZeroIsRefused() {
        assertThatThrownBy(() -> configure("significance", "0%")).hasMessageContaining(
                "significance: expected a percentage above 0% and below 50%, but was 0%");
    }
}
