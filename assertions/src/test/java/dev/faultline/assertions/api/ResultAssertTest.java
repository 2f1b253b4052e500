package dev.faultline.assertions.api;

import static dev.faultline.assertions.api.RunResults.service;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.assertions.BackToNormal;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;

class ResultAssertTest {

    private static ResultAssert expect(RunResult result) {
        return FaultlineAssertions.assertThat(result);
    }

    private static List<String> messages(ResultAssert assertion) {
        return assertion.failures().stream().map(Failure::message).toList();
    }

    // ---- verdict

    @Test
    void passedAcceptsAPassedRun() {
        assertThat(expect(RunResults.good().build()).passed().failures()).isEmpty();
    }

    @Test
    void passedRecordsTheVerdictAndItsReason() {
        RunResult failed = RunResults.good()
                .verdict(Verdict.FAILED, "recovery[kill-worker] expected <= 15s but was 17.2s").build();

        ResultAssert assertion = expect(failed).passed();

        assertThat(messages(assertion)).containsExactly(
                "verdict: expected PASSED but was FAILED (recovery[kill-worker] expected <= 15s but was 17.2s)");
    }

    @Test
    void hasVerdictComparesWithTheGivenVerdict() {
        RunResult aborted = RunResults.good().verdict(Verdict.ABORTED, "halt: api-ready failing for 30s").build();

        assertThat(expect(aborted).hasVerdict(Verdict.ABORTED).failures()).isEmpty();
        assertThat(messages(expect(aborted).hasVerdict(Verdict.FAILED)))
                .containsExactly("verdict: expected FAILED but was ABORTED (halt: api-ready failing for 30s)");
    }

    // ---- every fault

    @Test
    void recoveredWithinAcceptsARecoveryAtTheBound() {
        RunResult run = RunResults.good().fault("kill-worker", 300L, 15_000L, 2_500L).build();

        assertThat(expect(run).recoveredWithin(ofSeconds(15)).failures()).isEmpty();
    }

    @Test
    void timeFiguresAreJudgedWithTheirBoundsAndAStraddleSaysSo() {
        RunResult run = RunResults.good().faultWithBounds("kill-worker", 290, 20, 2_950, 80, 2_400, 150).build();

        assertThat(messages(expect(run).recoveredWithin(ofSeconds(3)).detectedWithin(ofMillis(300))
                .outageAtMost(ofMillis(2_600)))).containsExactly(
                "recovery of kill-worker: expected <= 3s but was 2.95s \u00b1 80ms (straddles the limit 3s: the true "
                        + "value is 2.87s..3.03s)",
                "time to detect kill-worker: expected <= 300ms but was 290ms \u00b1 20ms (straddles the limit 300ms: "
                        + "the true value is 270ms..310ms)");
    }

    @Test
    void judgedOnMeasuredValuesAFigureWithinTheLimitPassesWhateverItsBound() {
        RunResult run = RunResults.good().faultWithBounds("kill-worker", 290, 20, 2_950, 80, 2_700, 150).build();

        assertThat(messages(expect(run).judgedOnMeasuredValues().recoveredWithin(ofSeconds(3))
                .detectedWithin(ofMillis(300)).outageAtMost(ofMillis(2_600)).fault("kill-worker")
                .probe("api-ready").recoveredWithin(ofSeconds(3)).and())).containsExactly(
                "outage of kill-worker: expected <= 2.6s (measured value) but was 2.7s \u00b1 150ms (straddles the "
                        + "limit 2.6s: the true value is 2.55s..2.85s)");
    }

    @Test
    void recoveredWithinRecordsEachSlowFaultWithItsRecoveryTime() {
        RunResult run = RunResults.good().fault("kill-worker", 300L, 17_200L, 2_500L)
                .fault("broker-away", 100L, 1_000L, 800L).fault("freeze", 100L, null, 9_000L).build();

        ResultAssert assertion = expect(run).recoveredWithin(ofSeconds(15));

        assertThat(messages(assertion)).containsExactly(
                "recovery of kill-worker: expected <= 15s but was 17.2s",
                "recovery of freeze: expected <= 15s but was not recovered");
    }

    @Test
    void recoveredWithinFailsForAFaultThatWasNeverInjected() {
        RunResult run = RunResults.good().neverInjected("broker-away").build();

        assertThat(messages(expect(run).recoveredWithin(ofSeconds(15))))
                .containsExactly("recovery of broker-away: expected <= 15s but was never injected");
    }

    @Test
    void recoveredWithinFailsForARunWithoutFaults() {
        RunResult run = RunResults.withoutFaults().build();

        assertThat(messages(expect(run).recoveredWithin(ofSeconds(15))))
                .containsExactly("recovery: expected <= 15s for every fault but was a run without faults");
    }

    @Test
    void detectedWithinJudgesTheTimeToDetect() {
        RunResult run = RunResults.good().fault("kill-worker", 2_500L, 4_000L, 2_500L)
                .fault("broker-away", null, 1_000L, 0).build();

        assertThat(expect(run).detectedWithin(ofSeconds(3)).failures()).hasSize(1);
        assertThat(messages(expect(run).detectedWithin(ofSeconds(2)))).containsExactly(
                "time to detect kill-worker: expected <= 2s but was 2.5s",
                "time to detect broker-away: expected <= 2s but was not detected (no failing probe sample)");
    }

    @Test
    void outageAtMostJudgesTheTotalOutage() {
        RunResult run = RunResults.good().fault("kill-worker", 300L, 4_000L, 850L).build();

        assertThat(expect(run).outageAtMost(ofSeconds(1)).failures()).isEmpty();
        assertThat(messages(expect(run).outageAtMost(ofMillis(500))))
                .containsExactly("outage of kill-worker: expected <= 500ms but was 850ms");
    }

    // ---- integrity

    @Test
    void lostNothingAcceptsARunThatLostNothing() {
        assertThat(expect(RunResults.good().build()).lostNothing().failures()).isEmpty();
    }

    @Test
    void lostNothingRecordsTheLostCountAndTheFirstIds() {
        RunResult run = RunResults.good().lostCount(120, "t-1", "t-2", "t-3", "t-4", "t-5", "t-6").build();

        assertThat(messages(expect(run).lostNothing()))
                .containsExactly("lost: expected <= 0 but was 120 (ids t-1, t-2, t-3, t-4, t-5 and 115 more)");
    }

    @Test
    void lostAtMostAllowsUpToTheBound() {
        RunResult run = RunResults.good().lost("t-1", "t-2").build();

        assertThat(expect(run).lostAtMost(2).failures()).isEmpty();
        assertThat(messages(expect(run).lostAtMost(1))).containsExactly("lost: expected <= 1 but was 2 (ids t-1, t-2)");
    }

    @Test
    void noDuplicatesRecordsTheDuplicatedItems() {
        assertThat(expect(RunResults.good().build()).noDuplicates().failures()).isEmpty();
        assertThat(messages(expect(RunResults.good().duplicated("t-9").build()).noDuplicates()))
                .containsExactly("duplicated: expected <= 0 but was 1 (ids t-9)");
    }

    @Test
    void rpoAtMostJudgesTheRecoveryPointInMilliseconds() {
        RunResult run = RunResults.good().lost("t-1").rpoMs(1_200).build();

        assertThat(expect(run).rpoAtMost(ofSeconds(2)).failures()).isEmpty();
        assertThat(messages(expect(run).rpoAtMost(ofSeconds(0)))).containsExactly("rpo: expected <= 0s but was 1.2s");
    }

    // ---- containment

    @Test
    void containedToAcceptsDegradationOfTheNamedServicesOnly() {
        RunResult run = RunResults.good().degraded(service("worker", 10_100, 0)).build();

        assertThat(expect(run).containedTo("worker").failures()).isEmpty();
    }

    @Test
    void containedToRecordsTheServicesThatDegradedBeyondTheNamedOnesAndTheFaultTargets() {
        RunResult run = RunResults.good()
                .degraded(service("worker", 10_100, 0), service("orchestrator", 10_400, 1)).build();

        assertThat(messages(expect(run).containedTo())).containsExactly(
                "degraded: expected nothing degraded beyond the fault targets (worker) but was degraded: worker, "
                        + "orchestrator (not allowed: orchestrator)");
    }

    @Test
    void containedToAllowsTheFaultTargetsAsMayDegradeDoes() {
        RunResult run = RunResults.good().degraded(service("worker", 10_100, 0)).build();

        assertThat(expect(run).containedTo().failures()).isEmpty();
    }

    @Test
    void containedToRecordsAServiceNameTheTopologyDoesNotHave() {
        RunResult run = RunResults.good().degraded(service("worker", 10_100, 0)).build();

        assertThat(messages(expect(run).containedTo("wroker"))).containsExactly(
                "service: expected one of rabbitmq, postgres, worker, orchestrator but was 'wroker'");
    }

    @Test
    void stayedHealthyRecordsTheNamedServicesThatDegraded() {
        RunResult run = RunResults.good()
                .degraded(service("worker", 10_100, 0), service("orchestrator", 10_400, 1)).build();

        assertThat(expect(run).stayedHealthy("postgres").failures()).isEmpty();
        assertThat(messages(expect(run).stayedHealthy("orchestrator", "postgres"))).containsExactly(
                "health: expected not degraded: orchestrator, postgres but was degraded: orchestrator");
    }

    @Test
    void stayedHealthyRecordsAServiceNameTheTopologyDoesNotHave() {
        assertThat(messages(expect(RunResults.good().build()).stayedHealthy("orchestrtor"))).containsExactly(
                "service: expected one of rabbitmq, postgres, worker, orchestrator but was 'orchestrtor'");
    }

    @Test
    void cascadeDepthAtMostNamesTheDeepestServices() {
        RunResult run = RunResults.good()
                .degraded(service("worker", 10_100, 0), service("orchestrator", 10_400, 1)).build();

        assertThat(expect(run).cascadeDepthAtMost(1).failures()).isEmpty();
        assertThat(messages(expect(run).cascadeDepthAtMost(0)))
                .containsExactly("cascade depth: expected <= 0 but was 1 (orchestrator)");
    }

    // ---- load

    @Test
    void errorRateBelowJudgesTheShareOfItemsNotAccepted() {
        RunResult run = RunResults.good().load(1_000, 925, 80L, 18.5).build();

        assertThat(expect(run).errorRateBelow(0.08).failures()).isEmpty();
        assertThat(messages(expect(run).errorRateBelow(0.05)))
                .containsExactly("error rate: expected < 5% but was 7.5%");
    }

    @Test
    void loadExpectationsFailForARunThatSentNothing() {
        RunResult run = RunResults.good().load(0, 0, null, 0.0).build();

        ResultAssert assertion = expect(run).errorRateBelow(0.05).p99LatencyBelow(ofSeconds(2))
                .throughputAtLeast(15);

        assertThat(messages(assertion)).containsExactly(
                "error rate: expected < 5% but was no load sent",
                "p99 latency: expected < 2s but was no load sent",
                "throughput: expected >= 15/s but was no load sent");
    }

    @Test
    void p99LatencyBelowIsStrict() {
        RunResult run = RunResults.good().load(600, 600, 2_000L, 20.0).build();

        assertThat(expect(run).p99LatencyBelow(ofMillis(2_001)).failures()).isEmpty();
        assertThat(messages(expect(run).p99LatencyBelow(ofSeconds(2))))
                .containsExactly("p99 latency: expected < 2s but was 2s");
    }

    @Test
    void throughputAtLeastJudgesAcceptedItemsPerSecond() {
        RunResult run = RunResults.good().load(600, 600, 80L, 12.34).build();

        assertThat(expect(run).throughputAtLeast(12.34).failures()).isEmpty();
        assertThat(messages(expect(run).throughputAtLeast(15)))
                .containsExactly("throughput: expected >= 15/s but was 12.34/s");
    }

    @Test
    void backToNormalFailsEveryMetricWhenTheWindowsHoldNoItem() {
        RunResult run = RunResults.good().build();

        assertThat(messages(expect(run).backToNormal(BackToNormal.Basis.COMPLETION, ofSeconds(6), ofSeconds(2))))
                .hasSize(4).first().isEqualTo("back-to-normal.throughput: expected after >= before - 25% (one-sided, "
                        + "significance 0.25%) but was nothing to compare: no item submitted in the window before the first "
                        + "fault");
    }

    // ---- mistakes in the test itself

    @Test
    void anErrorRateGivenAsAPercentageIsRejectedAtOnce() {
        ResultAssert assertion = expect(RunResults.good().build());

        assertThatThrownBy(() -> assertion.errorRateBelow(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("errorRateBelow needs a fraction greater than 0 and at most 1 (0.05 for 5%), but was 5.0");
    }

    @Test
    void aNegativeDurationIsRejectedAtOnce() {
        ResultAssert assertion = expect(RunResults.good().build());

        assertThatThrownBy(() -> assertion.recoveredWithin(ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recoveredWithin needs a duration of 0 or more, but was PT-1S");
    }

    @Test
    void boundsThatCanNeverFailAreRejectedAtOnce() {
        ResultAssert assertion = expect(RunResults.good().build());

        assertThatThrownBy(() -> assertion.throughputAtLeast(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(assertion::stayedHealthy).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stayedHealthy needs at least one service name, but got none");
    }

    // ---- inside fault windows, state, halt

    @Test
    void duringFaultsChecksJudgeTheFiguresInsideTheFaultWindows() {
        RunResult result = RunResults.good().duringFaults(100, 80, 1_500L).build();

        assertThat(messages(expect(result).errorRateBelow(0.05).errorRateDuringFaultsBelow(0.1)
                .p99LatencyDuringFaultsBelow(ofSeconds(1)))).containsExactly(
                "error rate during faults: expected < 10% but was 20%",
                "p99 latency during faults: expected < 1s but was 1.5s");
        assertThat(expect(result).errorRateDuringFaultsBelow(0.25).p99LatencyDuringFaultsBelow(ofSeconds(2))
                .failures()).isEmpty();
    }

    @Test
    void duringFaultsChecksFailWhenNoFaultWasInjected() {
        assertThat(messages(expect(RunResults.withoutFaults().build()).errorRateDuringFaultsBelow(0.1)))
                .containsExactly("error rate during faults: expected < 10% but was no fault was injected");
    }

    @Test
    void stateAgreesWithLedgerNamesEachServiceThatDisagrees() {
        RunResult result = RunResults.good().state("orchestrator").state("worker", "pending 3, the ledger implies 0")
                .build();

        assertThat(messages(expect(result).stateAgreesWithLedger())).containsExactly(
                "state of worker: expected as the ledger implies: pending 0 but was pending 3, the ledger implies 0");
    }

    @Test
    void stateAgreesWithLedgerFailsWhenNothingWasChecked() {
        assertThat(messages(expect(RunResults.good().build()).stateAgreesWithLedger()))
                .containsExactly("state: expected agrees with the ledger but was no service reported its state");
    }

    @Test
    void haltedAndRevertedWithinJudgesTheRevertLatency() {
        assertThat(expect(RunResults.good().halted(480).build()).haltedAndRevertedWithin(ofSeconds(1)).failures())
                .isEmpty();
        assertThat(messages(expect(RunResults.good().halted(1_480).build()).haltedAndRevertedWithin(ofSeconds(1))))
                .containsExactly("halt: expected halted, every fault reverted <= 1s after the condition but was "
                        + "reverted after 1.48s");
        assertThat(messages(expect(RunResults.good().build()).haltedAndRevertedWithin(ofSeconds(1))))
                .containsExactly("halt: expected halted, every fault reverted <= 1s after the condition but was "
                        + "not halted (verdict PASSED)");
    }
}
