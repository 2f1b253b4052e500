package dev.faultline.assertions.api;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.run.RunResult;

class FaultAssertTest {

    private static ResultAssert expect(RunResult result) {
        return FaultlineAssertions.assertThat(result);
    }

    private static List<String> messages(ResultAssert assertion) {
        return assertion.failures().stream().map(Failure::message).toList();
    }

    @Test
    void oneFaultIsJudgedOnItsOwnFigures() {
        RunResult run = RunResults.good().fault("kill-worker", 300L, 17_200L, 2_500L)
                .fault("broker-away", 200L, 4_000L, 900L).build();

        ResultAssert assertion = expect(run).fault("broker-away").recoveredWithin(ofSeconds(15))
                .detectedWithin(ofMillis(250)).outageAtMost(ofSeconds(1)).and();

        assertThat(assertion.failures()).isEmpty();
    }

    @Test
    void eachFailedFigureOfAFaultIsRecorded() {
        RunResult run = RunResults.good().fault("kill-worker", 3_000L, 17_200L, 6_000L).build();

        ResultAssert assertion = expect(run).fault("kill-worker").recoveredWithin(ofSeconds(15))
                .detectedWithin(ofSeconds(2)).outageAtMost(ofSeconds(5)).and();

        assertThat(messages(assertion)).containsExactly(
                "recovery of kill-worker: expected <= 15s but was 17.2s",
                "time to detect kill-worker: expected <= 2s but was 3s",
                "outage of kill-worker: expected <= 5s but was 6s");
    }

    @Test
    void anUnknownFaultIsRecordedOnceWithTheKnownNames() {
        RunResult run = RunResults.good().fault("broker-away", 200L, 4_000L, 900L).build();

        ResultAssert assertion = expect(run).fault("kill-wroker").recoveredWithin(ofSeconds(15))
                .probe("api-ready").outageAtMost(ofSeconds(1)).and();

        assertThat(messages(assertion))
                .containsExactly("fault: expected one of kill-worker, broker-away but was 'kill-wroker'");
    }

    @Test
    void anUnknownFaultInARunWithoutFaultsSaysThereAreNone() {
        ResultAssert assertion = expect(RunResults.withoutFaults().build()).fault("kill-worker").and();

        assertThat(messages(assertion))
                .containsExactly("fault: expected a fault of the scenario (it has none) but was 'kill-worker'");
    }

    @Test
    void aFaultNeverInjectedFailsEachExpectation() {
        RunResult run = RunResults.good().neverInjected("broker-away").build();

        ResultAssert assertion = expect(run).fault("broker-away").outageAtMost(ofSeconds(1))
                .probe("api-ready").recoveredWithin(ofSeconds(5)).and();

        assertThat(messages(assertion)).containsExactly(
                "outage of broker-away: expected <= 1s but was never injected",
                "recovery of broker-away on probe api-ready: expected <= 5s but was never injected");
    }

    @Test
    void aProbeIsJudgedOnItsOwnLane() {
        RunResult run = RunResults.good().fault("kill-worker", 300L, 4_000L, 2_500L)
                .probe("kill-worker", "api-ready", null, 0L, 0).build();

        ResultAssert assertion = expect(run).fault("kill-worker")
                .probe("api-ready").outageAtMost(ofMillis(0)).recoveredWithin(ofSeconds(1))
                .probe("workers-up").outageAtMost(ofSeconds(1)).detectedWithin(ofMillis(200))
                .and();

        assertThat(messages(assertion)).containsExactly(
                "outage of kill-worker on probe workers-up: expected <= 1s but was 2.5s",
                "time to detect kill-worker on probe workers-up: expected <= 200ms but was 300ms");
    }

    @Test
    void aProbeThatNeverFailedWasNotDetectedAndALaneThatDidNotRecoverSaysSo() {
        RunResult run = RunResults.good().fault("kill-worker", 300L, 4_000L, 2_500L)
                .probe("kill-worker", "workers-up", null, null, 9_000).build();

        ResultAssert assertion = expect(run).fault("kill-worker").probe("workers-up")
                .detectedWithin(ofSeconds(1)).recoveredWithin(ofSeconds(15)).and();

        assertThat(messages(assertion)).containsExactly(
                "time to detect kill-worker on probe workers-up: expected <= 1s but was not detected (no failing "
                        + "probe sample)",
                "recovery of kill-worker on probe workers-up: expected <= 15s but was not recovered");
    }

    @Test
    void aProbeMayBeNamedByItsLane() {
        RunResult run = RunResults.good().fault("kill-worker", 300L, 4_000L, 2_500L).build();

        ResultAssert assertion = expect(run).fault("kill-worker").probe("probe:api-ready").outageAtMost(ofSeconds(2))
                .and();

        assertThat(messages(assertion))
                .containsExactly("outage of kill-worker on probe api-ready: expected <= 2s but was 2.5s");
    }

    @Test
    void anUnknownProbeIsRecordedOnceWithTheKnownNames() {
        RunResult run = RunResults.good().build();

        ResultAssert assertion = expect(run).fault("kill-worker").probe("api-redy").recoveredWithin(ofSeconds(1))
                .and();

        assertThat(messages(assertion))
                .containsExactly("probe of kill-worker: expected one of api-ready, workers-up but was 'api-redy'");
    }
}
