package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Objective.Check;

class SloObjectiveTest {
    private final SloObjectiveType type = new SloObjectiveType();

    private Objective configure(Object... keysAndValues) {
        return type.configure(MapParams.of("objectives.slo", keysAndValues), Runs.SUPPORT_DESK);
    }

    /** 10 s of load: 190 items accepted in 40ms, 8 accepted in 850ms, 2 refused in 3s: 1% errors, 19.8/s. */
    private static Runs tenSecondsOfLoad() {
        return new Runs().load(0, 10_000)
                .items("fast", 190, 1_000, 40, 202, 1)
                .items("slow", 8, 2_000, 850, 202, 1)
                .items("refused", 2, 5_000, 3_000, 503, 0);
    }

    @Test
    void anErrorRateUnderTheBoundIsMet() {
        assertThat(Runs.evaluate(configure("error-rate", "< 5%"), tenSecondsOfLoad().run()))
                .containsExactly(new Check("slo.error-rate", "< 5%", "1%", true));
    }

    @Test
    void anErrorRateOverTheBoundIsViolated() {
        assertThat(Runs.evaluate(configure("error-rate", "<= 0.5%"), tenSecondsOfLoad().run()))
                .containsExactly(new Check("slo.error-rate", "<= 0.5%", "1%", false));
    }

    @Test
    void aLatencyPercentileUnderTheBoundIsMet() {
        assertThat(Runs.evaluate(configure("p99-latency", "< 2s"), tenSecondsOfLoad().run()))
                .containsExactly(new Check("slo.p99-latency", "< 2s", "850ms", true));
    }

    @Test
    void aLatencyPercentileOverTheBoundIsViolated() {
        assertThat(Runs.evaluate(configure("p99-latency", "< 500ms"), tenSecondsOfLoad().run()))
                .containsExactly(new Check("slo.p99-latency", "< 500ms", "850ms", false));
    }

    @Test
    void throughputOverTheBoundIsMet() {
        assertThat(Runs.evaluate(configure("throughput", "> 15/s"), tenSecondsOfLoad().run()))
                .containsExactly(new Check("slo.throughput", "> 15/s", "19.8/s", true));
    }

    @Test
    void throughputUnderTheBoundIsViolated() {
        assertThat(Runs.evaluate(configure("throughput", ">= 1200/m"), tenSecondsOfLoad().run()))
                .containsExactly(new Check("slo.throughput", ">= 20/s", "19.8/s", false));
    }

    @Test
    void noBoundIsMetWhenNothingWasSent() {
        assertThat(Runs.evaluate(configure("error-rate", "< 5%"), new Runs().run()))
                .containsExactly(new Check("slo.error-rate", "< 5%", "no load sent", false));
    }

    @Test
    void aBoundWithoutAComparisonIsRejected() {
        assertThatThrownBy(() -> configure("error-rate", "5%"))
                .hasMessage("objectives.slo.error-rate: expected a comparison (<, <=, >, >=) and a value, like "
                        + "\"< 5%\", but was '5%'");
    }

    @Test
    void aValueInTheWrongUnitIsRejected() {
        assertThatThrownBy(() -> configure("p99-latency", "< 5%"))
                .hasMessage("objectives.slo.p99-latency: expected a duration like 250ms, 10s or 2m, but was '5%' "
                        + "(e.g. \"< 2s\")");
    }

    @Test
    void unknownMetricsAreRejected() {
        assertThatThrownBy(() -> configure("p90-latency", "< 2s"))
                .hasMessageStartingWith("objectives.slo.p90-latency: unknown field");
    }

    /**
     * A crash at 3000 that recovers at 4000 (probe fails 3100..3900): inside its window 10 items, 5 refused and
     * the rest slow; outside it 90 quick items.
     */
    private static Runs loadWithACrash() {
        return new Runs().load(0, 10_000)
                .api("+++++++++++++++++++++++++++++++---------++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++")
                .crash("kill-worker", "worker-0", 3_000)
                .items("before", 40, 1_000, 20, 202, 1)
                .items("slow", 5, 3_500, 400, 202, 1)
                .items("refused", 5, 3_700, 600, 503, 0)
                .items("after", 50, 6_000, 20, 202, 1);
    }

    @Test
    void boundsDuringFaultsJudgeOnlyTheItemsInsideTheFaultWindows() {
        Objective slo = configure("error-rate", "< 10%",
                "during-faults", java.util.Map.of("error-rate", "< 10%", "p50-latency", "< 100ms"));

        assertThat(Runs.evaluate(slo, loadWithACrash().run())).containsExactly(
                new Check("slo.error-rate", "< 10%", "5%", true),
                new Check("slo.during-faults.error-rate", "< 10%", "50%", false),
                new Check("slo.during-faults.p50-latency", "< 100ms", "400ms", false));
    }

    @Test
    void throughputDuringFaultsIsPerSecondOfTheWindows() {
        Objective slo = configure("during-faults", java.util.Map.of("throughput", ">= 5/s"));

        assertThat(Runs.evaluate(slo, loadWithACrash().run()))
                .containsExactly(new Check("slo.during-faults.throughput", ">= 5/s", "5/s", true));
    }

    @Test
    void boundsDuringFaultsAreNotMetWhenNoFaultWasInjected() {
        Objective slo = configure("during-faults", java.util.Map.of("error-rate", "< 10%"));

        assertThat(Runs.evaluate(slo, tenSecondsOfLoad().run()))
                .containsExactly(new Check("slo.during-faults.error-rate", "< 10%", "no fault was injected", false));
    }

    @Test
    void anUnknownKeyDuringFaultsIsAnError() {
        assertThatThrownBy(() -> configure("during-faults", java.util.Map.of("p90-latency", "< 1s")))
                .hasMessageContaining("objectives.slo.during-faults")
                .hasMessageContaining("p90-latency");
    }
}
