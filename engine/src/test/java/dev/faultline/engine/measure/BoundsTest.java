package dev.faultline.engine.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.faultline.engine.timeline.ServiceState;

import org.junit.jupiter.api.Test;

/**
 * The bound beside each time figure: from the samples on each side of every transition (see {@link Bounds}). The
 * probe {@code api} answers in 2 ms when healthy, so its answer allowance is 3 ms.
 */
class BoundsTest {
    private static final Duration STABLE_500MS = Duration.ofMillis(500);
    private static final String API = "probe:api";

    /** Passing samples every 100ms from {@code from} up to (not including) {@code to}, answered in 2 ms. */
    private static RunFixture passing(RunFixture run, long from, long to) {
        for (long t = from; t < to; t += 100) {
            run.sample(API, t, true, 2);
        }
        return run;
    }

    /**
     * A freeze from 1012 to 3000 narrowed by extra samples: passes 5 ms apart up to 1010, then requests that get no
     * answer within 200 ms; the requests sent at 2815 and 2950 wait through the thaw and are answered at 3010; a new
     * request sent right after is answered without waiting, at 3015.
     */
    private static RunFixture sharpenedFreeze() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000)
                .sample(API, 1005, true, 2).sample(API, 1010, true, 2);
        for (long t = 1015; t < 2800; t += 100) {
            run.noAnswer(API, t, 200); // the last, sent at 2715, given up at 2915
        }
        run.sample(API, 2815, true, 195).sample(API, 2950, true, 60).sample(API, 3012, true, 3);
        return passing(run, 3050, 5000).window("freeze", "worker-0", 1012, 3000);
    }

    @Test
    void aFreezeNarrowedByExtraSamplesIsKnownToAFewMilliseconds() {
        FaultMeasure f = sharpenedFreeze().measure(STABLE_500MS).faults().get(0);

        // the failure began after the pass sent at 1010 (cut to the injection at 1012) and by 1015 + 3: [1012, 1018]
        assertThat(f.timeToDetectMs()).isEqualTo(1015 - 1012);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(3);
        // the pass that waited through the thaw (60 ms > 3 ms): back no earlier than one allowance before its
        // answer, and by the answer to the new request sent after it, + 1 for the whole-millisecond clock:
        // [3007, 3016], placed at its middle
        assertThat(f.recoveryMs()).isEqualTo(3011 - 3000);
        assertThat(f.recoveryBoundMs()).isEqualTo(5);
        // seen from 1015 to 3010; start: 3 later or 3 earlier; end: 3 earlier or 6 later: 1989..2004
        assertThat(f.outageMs()).isEqualTo(1996);
        assertThat(f.outageBoundMs()).isEqualTo(8);
        assertThat(f.probes().get(API).outageBoundMs()).isEqualTo(8);
    }

    @Test
    void withoutExtraSamplesTheBoundIsAboutOneSampleInterval() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000)
                .sample(API, 1100, false, 2).sample(API, 1200, false, 2);
        FaultMeasure f = passing(run, 1300, 3000).crash("kill", "worker-0", 1050).measure(STABLE_500MS).faults()
                .get(0);

        // [900, 1100 + 3] cut to the crash at 1050
        assertThat(f.timeToDetectMs()).isEqualTo(1076 - 1050);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(27);
        // a 503 at 1200: back after 1200, by 1302 + 1
        assertThat(f.recoveryMs()).isEqualTo(1251 - 1050);
        assertThat(f.recoveryBoundMs()).isEqualTo(52);
        // seen 202; shorter by 3 + 102, longer by 50 + 1: 97..253
        assertThat(f.outageMs()).isEqualTo(175);
        assertThat(f.outageBoundMs()).isEqualTo(78);
    }

    @Test
    void aReturnBetweenTwoFastFailuresIsKnownToTheirGap() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000);
        for (long t = 1005; t < 2000; t += 5) {
            run.sample(API, t, false, 1); // a restarting agent: refused, at once
        }
        FaultMeasure f = passing(run.sample(API, 2000, true, 2), 2100, 4000).crash("kill", "worker-0", 1002)
                .measure(STABLE_500MS).faults().get(0);

        // the 503 sent at 1995, the answer at 2002 (+ 1): [1995, 2003]
        assertThat(f.recoveryMs()).isEqualTo(1999 - 1002);
        assertThat(f.recoveryBoundMs()).isEqualTo(4);
    }

    @Test
    void aSlowFirstAnswerAfterRefusalsShowsNoWaiting() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000);
        for (long t = 1005; t < 2000; t += 5) {
            run.noAnswer(API, t, 0); // a restarting agent: refused, at once
        }
        // a cold process answers the request sent at 2000 in 12 ms: it may have served from the refusal at 1995 on
        FaultMeasure f = passing(run.sample(API, 2000, true, 12), 2100, 4000).crash("kill", "worker-0", 1002)
                .measure(STABLE_500MS).faults().get(0);

        // [1995, 2012 + 1], not [2012 - 3, ...]
        assertThat(f.recoveryMs()).isEqualTo(2004 - 1002);
        assertThat(f.recoveryBoundMs()).isEqualTo(9);
    }

    @Test
    void aFailureThatCameBackAtOnceDatesTheOnsetSoonerThanTheAllowance() {
        // answered in 5 ms when healthy (allowance 6); after the kill the request sent at 1005 is refused within 1 ms
        RunFixture run = new RunFixture().probe("api", "orchestrator");
        for (long t = 0; t < 1000; t += 100) {
            run.sample(API, t, true, 5);
        }
        run.sample(API, 1000, true, 5).noAnswer(API, 1005, 1);
        FaultMeasure f = run.sample(API, 1500, true, 5).sample(API, 1600, true, 5).sample(API, 2100, true, 5)
                .crash("kill", "worker-0", 1001).measure(STABLE_500MS).faults().get(0);

        // [1000 cut to the crash at 1001, 1005 + 1 + 1], not up to 1005 + 6
        assertThat(f.timeToDetectMs()).isEqualTo(1004 - 1001);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(3);
    }

    @Test
    void aRequestGivenUpLateShowsTheServiceWasStillDownThen() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000);
        run.noAnswer(API, 1000, 200).noAnswer(API, 1100, 200).noAnswer(API, 1200, 200);
        // not a waiting pass (2 ms): back after the request of 1200 was given up at 1400, by 1402 + 1
        FaultMeasure f = passing(run, 1400, 4000).window("freeze", "worker-0", 990, 1395)
                .measure(STABLE_500MS).faults().get(0);

        assertThat(f.recoveryMs()).isEqualTo(1401 - 1395);
        assertThat(f.recoveryBoundMs()).isEqualTo(2);
    }

    @Test
    void everyProbePassingAtTheRecoveryStartIsAnExactRecovery() {
        FaultMeasure f = passing(new RunFixture().probe("api", "orchestrator"), 0, 3000)
                .window("slow", "worker-0", 1000, 1500).measure(STABLE_500MS).faults().get(0);

        assertThat(f.recoveryMs()).isZero();
        assertThat(f.recoveryBoundMs()).isZero();
        assertThat(f.timeToDetectMs()).isNull();
        assertThat(f.timeToDetectBoundMs()).isNull();
        assertThat(f.outageBoundMs()).isZero();
    }

    @Test
    void aServiceBackJustBeforeTheRevertsMarkMayHaveServedNewRequestsOnlyAfterIt() {
        // the thaw answers the request of 2950 at 2998; the revert's mark is taken at 3000, once the call returned;
        // a new request sent at 3001 waits too (answered at 3009); the next, sent at 3010, does not (3012)
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000);
        for (long t = 1000; t < 2800; t += 100) {
            run.noAnswer(API, t, 200);
        }
        run.sample(API, 2950, true, 48).sample(API, 3001, true, 8).sample(API, 3010, true, 2);
        FaultMeasure f = passing(run, 3100, 5000).window("freeze", "worker-0", 995, 3000).measure(STABLE_500MS)
                .faults().get(0);

        // back in [2998 - 3, 3012 + 1], of which only what lies past the revert's mark counts: [3000, 3013]
        assertThat(f.recoveryMs()).isEqualTo(6);
        assertThat(f.recoveryBoundMs()).isEqualTo(7);
    }

    @Test
    void aFaultNeverRecoveredHasNoRecoveryBoundAndItsOutageEndsExactlyAtTheLastSample() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000);
        run.sample(API, 1000, false, 2).sample(API, 1100, false, 2);
        FaultMeasure f = run.crash("kill", "worker-0", 950).measure(STABLE_500MS).faults().get(0);

        assertThat(f.recovered()).isFalse();
        assertThat(f.recoveryBoundMs()).isNull();
        // seen from 1000 to the last sample, 1100; started up to 50 earlier (cut to the crash) or 3 later: 97..150
        assertThat(f.outageMs()).isEqualTo(123);
        assertThat(f.outageBoundMs()).isEqualTo(27);
    }

    @Test
    void theHaltsRevertLatencyHasTheBoundOfTheStreaksFirstFailure() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000)
                .sample(API, 1005, true, 2);
        for (long t = 1010; t <= 1310; t += 100) {
            run.sample(API, t, false, 2);
        }
        HaltMeasure halt = run.haltWhen("api", Duration.ofMillis(300)).crash("kill", "worker-0", 1000)
                .halted(1310, 1350, "kill").measure(STABLE_500MS).halt();

        assertThat(halt.revertLatencyMs()).isEqualTo(40);
        assertThat(halt.revertLatencyBoundMs()).as("the streak began after 1005 and by 1010 + 3").isEqualTo(5);
    }

    @Test
    void aPassSentBeforeAFailureAnsweredAfterItNarrowsTheOnsetAndEndsNothing() {
        // sent at 1010, answered at 1022; the request sent at 1015 got no answer: the freeze began in
        // [1010, 1015 + 12]: requests took 12 ms to be served then
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000)
                .sample(API, 1005, true, 2).sample(API, 1010, true, 12).noAnswer(API, 1015, 200)
                .noAnswer(API, 1020, 200).noAnswer(API, 1100, 200);
        FaultMeasure f = passing(run.sample(API, 1300, true, 2), 1400, 3000).window("freeze", "worker-0", 1000, 1290)
                .measure(STABLE_500MS).faults().get(0);

        // from 1010, not 1005; up to the 12 ms that pass took after 1015: [1010, 1027]
        assertThat(f.timeToDetectMs()).isEqualTo(18);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(9);
        // one outage seen from 1015 to 1302, not broken at 1022; shorter by 12 + 2, longer by 5 + 1: 273..293
        assertThat(f.outageMs()).isEqualTo(283);
        assertThat(f.outageBoundMs()).isEqualTo(10);
    }

    @Test
    void aPassSentDuringAFailureShowsNothingAboutItsStart() {
        // a restarting agent: the request sent at 1150 is taken once the port is bound and answered at 1350, after
        // the 503 sent at 1200; it neither ends the failure nor moves its start (seen in a restart: a bound of 188 ms)
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1100)
                .sample(API, 1100, false, 2).sample(API, 1150, true, 200).sample(API, 1200, false, 2);
        FaultMeasure f = passing(run, 1400, 3000).crash("kill", "worker-0", 1050).measure(STABLE_500MS).faults()
                .get(0);

        // [1000, 1100 + 3] cut to the crash at 1050
        assertThat(f.timeToDetectMs()).isEqualTo(1076 - 1050);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(27);
    }

    /**
     * A crash on a busy host, as recorded in the accuracy benchmark: extra samples 2 ms apart; the request sent at 1014
     * is never answered (its connection closed when the process died, 16 ms later; or, {@code wrongStatus}, a 503
     * arrives then), yet the one sent at 1016 is answered at 1018 (or, {@code late}, at 1020: after the failing
     * request sent at 1018 was taken, so as a pass sent during the failure); those sent at 1018 and 1019 are closed at
     * 1029-1030, then refusals until the restart.
     */
    private static FaultMeasure overtakenCrash(boolean late, boolean wrongStatus) {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000)
                .sample(API, 1000, true, 2).sample(API, 1002, true, 1).sample(API, 1004, true, 2)
                .sample(API, 1006, true, 1).sample(API, 1008, true, 2).sample(API, 1010, true, 4)
                .sample(API, 1012, true, 5);
        run = wrongStatus ? run.sample(API, 1014, false, 16) : run.noAnswer(API, 1014, 16);
        run.sample(API, 1016, true, late ? 4 : 2).noAnswer(API, 1018, 11).noAnswer(API, 1019, 11);
        for (long t = 1030; t < 1500; t += 2) {
            run.noAnswer(API, t, 0); // refused while the agent restarts
        }
        return passing(run, 1500, 3000).crash("kill", "worker-0", 997).measure(STABLE_500MS).faults().get(0);
    }

    @Test
    void aRequestGivenNoAnswerButOvertakenByALaterOneCountsOnlyFromWhenItCameBack() {
        for (boolean late : new boolean[] {false, true}) {
            FaultMeasure f = overtakenCrash(late, false);

            // the one sent at 1016 was served before the request sent at 1014 came back (at 1030): that one shows the
            // service down only then, so the failure is the one seen at 1018, after 1016 was sent and by 1018 + 6
            // (the allowance: 5 + 1): [1016, 1024]; in order, it would have begun by 1014 + 6
            assertThat(f.timeToDetectMs()).as("late=%s", late).isEqualTo(1020 - 997);
            assertThat(f.timeToDetectBoundMs()).as("late=%s", late).isEqualTo(4);
        }
    }

    @Test
    void aWrongAnswerOvertakenByALaterRequestShowsTheServiceDownOnlyByWhenItCameBack() {
        for (boolean late : new boolean[] {false, true}) {
            FaultMeasure f = overtakenCrash(late, true);

            // the 503 was made at some moment before it arrived (1030), after the pass sent at 1012: [1012, 1031]
            assertThat(f.timeToDetectMs()).as("late=%s", late).isEqualTo(1021 - 997);
            assertThat(f.timeToDetectBoundMs()).as("late=%s", late).isEqualTo(10);
        }
    }

    @Test
    void requestsSentBeforeTheReturnAndAnsweredAfterItStretchItsEnd() {
        // the first answer after the thaw (2950 + 60 = 3010) is not the last of what piled up: the request sent at
        // 2900 is answered at 3030, and a new request may wait behind it until then
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000);
        for (long t = 1000; t < 2800; t += 100) {
            run.noAnswer(API, t, 200);
        }
        run.sample(API, 2950, true, 60).sample(API, 2900, true, 130).sample(API, 3012, true, 2);
        FaultMeasure f = passing(run, 3100, 5000).window("freeze", "worker-0", 995, 3000).measure(STABLE_500MS)
                .faults().get(0);

        // [3010 - 3, 3030 + 1]
        assertThat(f.recoveryMs()).isEqualTo(19);
        assertThat(f.recoveryBoundMs()).isEqualTo(12);
    }

    @Test
    void aRequestSentAfterAPromptReturnAndAnsweredLateIsNotPartOfTheReturn() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 1000);
        for (long t = 1005; t < 2000; t += 5) {
            run.noAnswer(API, t, 0); // a restarting agent: refused, at once
        }
        // back: the request sent at 2000 is answered in 2 ms; then the service stalls, and the one sent at 2001,
        // before that answer, is answered 30 ms later: a slowdown after the return, not what piled up before it
        run.sample(API, 2000, true, 2).sample(API, 2001, true, 30).sample(API, 2003, true, 28);
        FaultMeasure f = passing(run, 2100, 4000).crash("kill", "worker-0", 1002).measure(STABLE_500MS).faults()
                .get(0);

        // [1995, 2002 + 1], not up to 2031 + 1
        assertThat(f.recoveryMs()).isEqualTo(1999 - 1002);
        assertThat(f.recoveryBoundMs()).isEqualTo(4);
    }

    @Test
    void extraSamplesAreCountedApartFromTheRegularOnes() {
        RunFixture run = passing(new RunFixture().probe("api", "orchestrator"), 0, 2000); // 20, from 0 to 1900
        for (long t = 1005; t < 1100; t += 5) {
            run.extra(API, t, true, 2); // 19
        }

        SamplingMeasure s = run.measure(STABLE_500MS).sampling();

        assertThat(s.probeSamples()).isEqualTo(20);
        assertThat(s.extraProbes()).isEqualTo(19);
        assertThat(s.extraProbesPerSecond()).as("19 in the 1.9 s sampled").isEqualTo(10.0);
    }

    /**
     * A freeze of orchestrator from 1012: the pass sent at 1010 took 20 ms (the freezer stops threads one by one),
     * so the failing request sent at 1015 only shows the failure began by 1035; Docker's {@code paused} event for
     * {@code pausedInstance} reached the harness at {@code pausedAt}.
     */
    private static RunFixture freezeWithASlowLastAnswer(String pausedInstance, long pausedAt) {
        return freezeWithASlowLastAnswer("orchestrator", pausedInstance, pausedAt);
    }

    /** As above, with the probe asking {@code probed} (a service, or one replica: {@code worker[0]}). */
    private static RunFixture freezeWithASlowLastAnswer(String probed, String pausedInstance, long pausedAt) {
        RunFixture run = passing(new RunFixture().probe("api", probed), 0, 1000)
                .sample(API, 1005, true, 2).sample(API, 1010, true, 20);
        for (long t = 1015; t < 2800; t += 100) {
            run.noAnswer(API, t, 200);
        }
        run.sample(API, 2915, true, 3);
        return passing(run, 2950, 5000).window("freeze", "orchestrator", 1012, 2900)
                .service(pausedInstance, ServiceState.PAUSED, pausedAt);
    }

    @Test
    void dockerStoppingAnAskedInstanceEndsTheSpanOfTheOnset() {
        FaultMeasure f = freezeWithASlowLastAnswer("orchestrator", 1017).measure(STABLE_500MS).faults().get(0);

        // after the pass sent at 1010 (cut to the injection at 1012), and by the paused event + 1: [1012, 1018]
        assertThat(f.timeToDetectMs()).isEqualTo(1015 - 1012);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(3);
        // from [1012, 1018] to [2915, 2919]: 1897..1907
        assertThat(f.outageMs()).isEqualTo(1902);
        assertThat(f.outageBoundMs()).isEqualTo(5);
    }

    @Test
    void aProbeOverReplicasFailsWhenAnyOfThemIsStopped() {
        FaultMeasure f = freezeWithASlowLastAnswer("worker", "worker-1", 1017).measure(STABLE_500MS).faults().get(0);

        assertThat(f.timeToDetectMs()).isEqualTo(1015 - 1012);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(3);
    }

    @Test
    void aStopOfAnInstanceTheLaneDoesNotAskOrOneBeforeItsLastPassNarrowsNothing() {
        // without a stop: after the pass sent at 1010, and by 1015 + the 20 ms that pass took: [1012, 1035]
        for (RunFixture run : new RunFixture[] {
                freezeWithASlowLastAnswer("audit", 1017), // not asked by the probe
                freezeWithASlowLastAnswer("worker[0]", "worker-1", 1017), // a replica the probe does not ask
                freezeWithASlowLastAnswer("orchestrator", 900), // before the pass sent at 1010: long over
        }) {
            FaultMeasure f = run.measure(STABLE_500MS).faults().get(0);
            assertThat(f.timeToDetectMs()).isEqualTo(1023 - 1012);
            assertThat(f.timeToDetectBoundMs()).isEqualTo(12);
        }
    }

    @Test
    void aLateAnswerSentBeforeTheFailureDoesNotWidenTheOnsetPastAStop() {
        // sent at 1012, before the failing request, answered only at 1090: without the stop the failure could have
        // begun as late as 1015 + 78 (see the test above)
        RunFixture run = freezeWithASlowLastAnswer("orchestrator", 1017).sample(API, 1012, true, 78);
        FaultMeasure f = run.measure(STABLE_500MS).faults().get(0);

        assertThat(f.timeToDetectMs()).isEqualTo(1015 - 1012);
        assertThat(f.timeToDetectBoundMs()).isEqualTo(3);
    }
}
