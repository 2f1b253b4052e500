package dev.faultline.engine.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.measure.ContainmentMeasure.DegradedService;

class MeasurementsTest {
    private static final Duration STABLE_500MS = Duration.ofMillis(500);

    private static RunFixture apiProbe() {
        return new RunFixture().probe("api", "orchestrator");
    }

    @Nested
    class PerFault {
        @Test
        void aCrashIsDetectedBetweenItAndTheNextFailingSample() {
            FaultMeasure f = apiProbe().lane("probe:api", "+++---++++++++++", 100).crash("kill", "worker-0", 250)
                    .measure(STABLE_500MS).faults().get(0);

            // the failure began after the crash at 250 and by the failing sample at 300 (+ 1): the middle
            assertThat(f.timeToDetectMs()).isEqualTo(25);
        }

        @Test
        void recoveryEndsAtTheSampleThatMadeEveryProbePassAgain() {
            FaultMeasure f = apiProbe().lane("probe:api", "+++---++++++++++", 100).crash("kill", "worker-0", 250)
                    .measure(STABLE_500MS).faults().get(0);

            // back after the failing sample at 500, by the passing one at 600 (+ 1): the middle
            assertThat(f.recoveryMs()).isEqualTo(550 - 250);
        }

        @Test
        void aFlapRestartsTheStableStretch() {
            // passes again at 600, flaps at 800, passes from 900 on
            FaultMeasure f = apiProbe().lane("probe:api", "+++---++-+++++++", 100).crash("kill", "worker-0", 250)
                    .measure(STABLE_500MS).faults().get(0);

            assertThat(f.recoveredAt()).isEqualTo(900);
        }

        @Test
        void aStretchTheTimelineDoesNotCoverForStableForIsNotARecovery() {
            // passes again at 600, last sample at 1000: 400ms < 500ms
            FaultMeasure f = apiProbe().lane("probe:api", "+++---+++++", 100).crash("kill", "worker-0", 250)
                    .measure(STABLE_500MS).faults().get(0);

            assertThat(f.recovered()).isFalse();
            assertThat(f.recoveryMs()).isNull();
        }

        @Test
        void anUnrecoveredFaultsOutageRunsToTheLastSample() {
            FaultMeasure f = apiProbe().lane("probe:api", "+++--------", 100).crash("kill", "worker-0", 250)
                    .measure(STABLE_500MS).faults().get(0);

            // seen from 300 to 1000; it may have begun up to 50 earlier (at the crash) or 1 later
            assertThat(f.outageMs()).isEqualTo(1000 - 300 + 24);
        }

        @Test
        void aFaultTheProbesNeverSawRecoversInZeroAndIsNotDetected() {
            FaultMeasure f = apiProbe().lane("probe:api", "++++++++++++", 100).crash("kill", "worker-0", 250)
                    .measure(STABLE_500MS).faults().get(0);

            assertThat(f.recoveryMs()).isZero();
            assertThat(f.timeToDetectMs()).isNull();
            assertThat(f.outageMs()).isZero();
        }

        @Test
        void aWindowFaultsRecoveryCountsFromItsRevert() {
            // injected at 200, reverted at 600; failing 300..600, passing from 700
            FaultMeasure f = apiProbe().lane("probe:api", "+++----+++++++++", 100)
                    .window("broker-away", "postgres", 200, 600).measure(STABLE_500MS).faults().get(0);

            assertThat(f.recoveryMs()).isEqualTo(650 - 600);
        }

        @Test
        void theOutageIsTheSumOfEveryFailingStretchUntilRecovery() {
            // failing 200..400 and 600..800, then stable
            FaultMeasure f = apiProbe().lane("probe:api", "++--++--++++++++", 100).crash("kill", "worker-0", 100)
                    .measure(Duration.ofMillis(300)).faults().get(0);

            assertThat(f.outageMs()).isEqualTo(200 + 200);
        }

        @Test
        void failuresBeforeTheInjectionAreNotCounted() {
            FaultMeasure f = apiProbe().lane("probe:api", "-+++++---+++++++", 100).crash("kill", "worker-0", 500)
                    .measure(STABLE_500MS).faults().get(0);

            assertThat(f.timeToDetectMs()).isEqualTo(550 - 500);
            assertThat(f.outageMs()).isEqualTo(900 - 600);
        }

        @Test
        void recoveryWaitsForEveryProbeLane() {
            FaultMeasure f = apiProbe().probe("db", "postgres")
                    .lane("probe:api", "+++--+++++++++++", 100)
                    .lane("probe:db", "+++----+++++++++", 100)
                    .crash("kill", "worker-0", 250).measure(STABLE_500MS).faults().get(0);

            assertThat(f.recoveredAt()).isEqualTo(700);
        }

        @Test
        void eachProbeLaneIsAlsoMeasuredOnItsOwn() {
            FaultMeasure f = apiProbe().probe("db", "postgres")
                    .lane("probe:api", "+++--+++++++++++", 100)
                    .lane("probe:db", "+++----+++++++++", 100)
                    .crash("kill", "worker-0", 250).measure(STABLE_500MS).faults().get(0);

            assertThat(f.probes().get("probe:api"))
                    .isEqualTo(new ProbeMeasure("probe:api", 25L, 450L - 250, true, 175, 26L, 51L, 76L));
        }

        @Test
        void aLaneWithoutSamplesYetCountsAsPassing() {
            // db is sampled only from 600 on
            RunFixture fixture = apiProbe().probe("db", "postgres").lane("probe:api", "++++++++++++", 100)
                    .sample("probe:db", 600, true).sample("probe:db", 1100, true).crash("kill", "worker-0", 100);

            assertThat(fixture.measure(STABLE_500MS).faults().get(0).recoveryMs()).isZero();
        }

        @Test
        void aFaultNeverInjectedIsListedWithoutFigures() {
            FaultMeasure f = apiProbe().lane("probe:api", "++++++", 100).neverInjected("kill", "worker-0")
                    .measure(STABLE_500MS).faults().get(0);

            assertThat(f.name()).isEqualTo("kill");
            assertThat(f.injected()).isFalse();
            assertThat(f.recoveryMs()).isNull();
            assertThat(f.outageMs()).isNull();
        }
    }

    /**
     * A crash at 250 and again at 1310: failing 300..600, steady 600..1400 (longer than stable-for), failing
     * 1400..1900, steady from 1900.
     */
    @Nested
    class RepeatedCrash {
        private RunFixture crashLoop() {
            return apiProbe().lane("probe:api", "+++---++++++++-----++++++++", 100)
                    .repeatedCrash("crash-loop", "worker-0", 250, 1310);
        }

        @Test
        void recoveryCountsFromTheLastCrashNotFromASteadyStretchBetweenCrashes() {
            FaultMeasure f = crashLoop().measure(STABLE_500MS).faults().get(0);

            assertThat(f.recoveryMs()).isEqualTo(1850 - 1310);
        }

        @Test
        void theOutageCountsEveryCrashFromTheFirst() {
            FaultMeasure f = crashLoop().measure(STABLE_500MS).faults().get(0);

            // seen (600 - 300) + (1900 - 1400); may be 202 shorter or 152 longer
            assertThat(f.outageMs()).isEqualTo(775);
        }

        @Test
        void itIsDetectedFromTheFirstCrash() {
            FaultMeasure f = crashLoop().measure(STABLE_500MS).faults().get(0);

            assertThat(f.timeToDetectMs()).isEqualTo(275 - 250);
        }

        @Test
        void itsLoadWindowRunsFromTheFirstCrashToTheRecoveryAfterTheLast() {
            RunFixture fixture = crashLoop().load(0, 2700);
            for (int t = 0; t < 2700; t += 100) {
                fixture.item("i" + t, t + 5, 5, 202, 1);
            }

            LoadMeasure loop = fixture.measure(STABLE_500MS).faults().get(0).load();

            assertThat(loop.sent()).isEqualTo(16); // submitted at 300..1800
        }
    }

    @Nested
    class Integrity {
        @Test
        void rpoIsTheAgeAtTheFaultsStartOfTheOldestLostItem() {
            IntegrityMeasure i = new RunFixture()
                    .item("done", 1_000, 10, 202, 1)
                    .item("lost-old", 4_000, 10, 202, 0)
                    .item("lost-young", 7_000, 10, 202, 0)
                    .item("lost-during", 12_000, 10, 202, 0)
                    .crash("kill", "worker-0", 10_000).measure(STABLE_500MS).integrity();

            assertThat(i.rpoMs()).isEqualTo(10_000 - 4_000);
        }

        @Test
        void itemsAcceptedDuringTheFaultHaveAgeZero() {
            IntegrityMeasure i = new RunFixture().item("lost-during", 12_000, 10, 202, 0)
                    .crash("kill", "worker-0", 10_000).measure(STABLE_500MS).integrity();

            assertThat(i.lost()).isEqualTo(1);
            assertThat(i.rpoMs()).isZero();
        }

        @Test
        void theLossWindowSpansTheFirstAndLastLostAcceptance() {
            IntegrityMeasure i = new RunFixture()
                    .item("a", 4_000, 10, 202, 0).item("b", 5_000, 10, 202, 1).item("c", 12_000, 10, 202, 0)
                    .crash("kill", "worker-0", 10_000).measure(STABLE_500MS).integrity();

            assertThat(i.lossWindow()).isEqualTo(new IntegrityMeasure.LossWindow(4_000, 12_000));
            assertThat(i.lostIds()).containsExactly("a", "c");
        }

        @Test
        void onlyAcceptedItemsCanBeLost() {
            IntegrityMeasure i = new RunFixture().item("refused", 1_000, 10, 503, 0)
                    .item("unanswered", 1_000, 10, -1, 0).measure(STABLE_500MS).integrity();

            assertThat(i.lost()).isZero();
            assertThat(i.lossWindow()).isNull();
        }

        @Test
        void anItemCompletedTwiceIsDuplicatedAndCompleted() {
            IntegrityMeasure i = new RunFixture().item("a", 1_000, 10, 202, 2).item("b", 1_000, 10, 202, 1)
                    .measure(STABLE_500MS).integrity();

            assertThat(i.duplicated()).isEqualTo(1);
            assertThat(i.duplicatedIds()).containsExactly("a");
            assertThat(i.completed()).isEqualTo(2);
        }

        @Test
        void completionsOfIdsNeverSubmittedAreCountedAsUnknown() {
            RunFixture fixture = new RunFixture().item("a", 1_000, 10, 202, 1);
            fixture.ledger.completions(java.util.Map.of("invented-1", 1, "invented-2", 3), 2_000);

            IntegrityMeasure i = fixture.measure(STABLE_500MS).integrity();

            assertThat(i.unknownCompleted()).isEqualTo(2);
            assertThat(i.duplicated()).isZero();
        }
    }

    @Nested
    class Containment {
        /** postgres fails first, then worker-1 (depends on postgres), then the orchestrator's probe. */
        private RunFixture cascade() {
            return apiProbe()
                    .sample("health:postgres", 1_100, false).sample("health:postgres", 1_900, true)
                    .sample("health:worker-0", 1_300, true).sample("health:worker-1", 1_300, false)
                    .sample("health:worker-1", 2_000, true)
                    .sample("probe:api", 1_000, true).sample("probe:api", 1_500, false)
                    .sample("probe:api", 2_100, true).sample("probe:api", 3_000, true)
                    .sample("health:audit", 1_200, true)
                    .window("db-away", "postgres", 1_000, 1_800);
        }

        @Test
        void degradedServicesAreOrderedByTheirFirstFailureWithTheirDepth() {
            ContainmentMeasure c = cascade().measure(STABLE_500MS).containment();

            assertThat(c.cascadeOrder()).containsExactly(
                    new DegradedService("postgres", 1_100, 0),
                    new DegradedService("worker", 1_300, 1),
                    new DegradedService("orchestrator", 1_500, 2));
        }

        @Test
        void theCascadeDepthIsTheDeepestDegradedService() {
            assertThat(cascade().measure(STABLE_500MS).containment().cascadeDepth()).isEqualTo(2);
        }

        @Test
        void aServiceNotReachableAlongDependsOnHasNoDepth() {
            ContainmentMeasure c = cascade().sample("health:audit", 1_400, false).measure(STABLE_500MS).containment();

            assertThat(c.cascadeOrder()).contains(new DegradedService("audit", 1_400, null));
            assertThat(c.cascadeDepth()).isEqualTo(2);
        }

        @Test
        void failuresOutsideInjectionToRecoveryDoNotDegrade() {
            // recovered at 2100; audit fails before the injection and after the recovery
            ContainmentMeasure c = cascade().sample("health:audit", 900, false).sample("health:audit", 2_500, false)
                    .measure(STABLE_500MS).containment();

            assertThat(c.to()).isEqualTo(2_100);
            assertThat(c.degraded()).containsExactly("postgres", "worker", "orchestrator");
        }

        @Test
        void anUnrecoveredFaultKeepsTheWindowOpenToTheEnd() {
            // the probe flaps at 2300, passes from 3000 on, but the timeline ends at 3200
            ContainmentMeasure c = cascade().sample("probe:api", 2_300, false).sample("health:audit", 3_200, false)
                    .measure(STABLE_500MS).containment();

            assertThat(c.degraded()).contains("audit");
        }

        @Test
        void withoutAnInjectedFaultNothingIsDegraded() {
            ContainmentMeasure c = apiProbe().sample("health:postgres", 1_100, false).measure(STABLE_500MS)
                    .containment();

            assertThat(c.degraded()).isEmpty();
            assertThat(c.cascadeDepth()).isNull();
        }
    }

    @Nested
    class Load {
        private RunFixture hundredItems() {
            RunFixture fixture = new RunFixture().load(0, 10_000);
            for (int n = 1; n <= 100; n++) {
                // latency n ms; every 10th refused
                fixture.item("i" + n, 1_000 + n, n, n % 10 == 0 ? 503 : 202, 1);
            }
            return fixture;
        }

        @Test
        void latencyPercentilesAreNearestRank() {
            LoadMeasure l = hundredItems().measure(STABLE_500MS).load();

            assertThat(new long[] {l.p50Ms(), l.p95Ms(), l.p99Ms()}).containsExactly(50, 95, 99);
        }

        @Test
        void theErrorRateIsTheShareNotAccepted() {
            LoadMeasure l = hundredItems().measure(STABLE_500MS).load();

            assertThat(l.sent()).isEqualTo(100);
            assertThat(l.accepted()).isEqualTo(90);
            assertThat(l.errorRate()).isEqualTo(0.10);
        }

        @Test
        void throughputIsAcceptedPerSecondOfLoad() {
            assertThat(hundredItems().measure(STABLE_500MS).load().throughputPerSec()).isCloseTo(9.0, within(1e-9));
        }

        @Test
        void withoutLoadNothingIsMeasured() {
            LoadMeasure l = new RunFixture().measure(STABLE_500MS).load();

            assertThat(l.errorRate()).isZero();
            assertThat(l.p99Ms()).isNull();
            assertThat(l.throughputPerSec()).isZero();
        }

        @Test
        void nearestRankOfFewValuesRoundsUp() {
            assertThat(LoadFigures.percentile(new long[] {10, 20, 30}, 50)).isEqualTo(20);
            assertThat(LoadFigures.percentile(new long[] {10, 20, 30}, 99)).isEqualTo(30);
        }
    }

    /**
     * A freeze from 1000 to 2000, sampled every 100 ms with a 200 ms timeout: the requests sent at 1800 and 1900 are
     * answered only at the thaw (2000).
     */
    @Nested
    class APassCountsFromItsAnswer {
        private Measurements frozen() {
            RunFixture f = apiProbe().window("freeze", "worker-0", 1_000, 2_000);
            for (long t = 0; t <= 4_000; t += 100) {
                if (t < 1_000 || t >= 2_000) {
                    f.sample("probe:api", t, true, 3);
                } else if (t < 1_800) {
                    f.sample("probe:api", t, false, 200); // timed out
                } else {
                    f.sample("probe:api", t, true, 2_000 - t + 3); // answered right after the thaw
                }
            }
            return f.measure(STABLE_500MS);
        }

        @Test
        void aRequestAnsweredAtTheThawDoesNotEndTheOutageWhenItWasSent() {
            FaultMeasure m = frozen().faults().get(0);

            // seen from 1000 to 2003; back after 2003 - 4 (the answer allowance), and, as the pass waited, by the
            // next new request answered without waiting (2100 + 3, + 1): [1999, 2104]
            assertThat(m.recoveryMs()).isEqualTo(52);
            assertThat(m.outageMs()).isEqualTo(1049);
        }

        @Test
        void detectionStillCountsFromTheFailingRequestsSendTime() {
            // after the injection at 1000, by the failing request's sending + 4: not from the late answers
            assertThat(frozen().faults().get(0).timeToDetectMs()).isEqualTo(2);
        }

        @Test
        void aQuickFailureAfterASlowPassKeepsTheLaneFailing() {
            // sent at 100, answered at 400; a request sent at 200 failed at once: the late answer only shows the
            // service served before 200, so it does not end the failure
            Measurements m = apiProbe().sample("probe:api", 0, true).sample("probe:api", 100, true, 300)
                    .sample("probe:api", 200, false, 1).sample("probe:api", 500, false, 1)
                    .sample("probe:api", 600, true, 1).sample("probe:api", 1_500, true, 1)
                    .crash("kill", "worker-0", 150).measure(STABLE_500MS);

            // seen from 200 to 601 (not broken at 400); the failure began in [150, 200 + 300], ended in [500, 602]
            assertThat(m.faults().get(0).outageMs()).isEqualTo(226);
        }
    }

    /**
     * Overlapping faults: an outage of the store (300..1200) with a worker crash inside it (800). The probe fails
     * from 400 to 1400 and passes from 1500 on.
     */
    @Nested
    class OverlappingFaults {
        private Measurements measured() {
            return apiProbe().lane("probe:api", "++++-----------++++++++++", 100)
                    .window("outage", "postgres", 300, 1200).crash("kill", "worker-0", 800).measure(STABLE_500MS);
        }

        @Test
        void eachFaultIsDetectedFromItsOwnInjection() {
            Measurements m = measured();

            assertThat(m.faults().get(0).timeToDetectMs()).isEqualTo(350 - 300);
            assertThat(m.faults().get(1).timeToDetectMs()).isEqualTo(800 - 800);
        }

        @Test
        void eachFaultRecoversFromItsOwnRecoveryStartToTheSharedRecoveryPoint() {
            Measurements m = measured();

            assertThat(m.faults().get(0).recoveryMs()).isEqualTo(1450 - 1200); // from the revert
            assertThat(m.faults().get(1).recoveryMs()).isEqualTo(1450 - 800); // from the crash
        }

        @Test
        void eachFaultsOutageCountsFromItsOwnInjection() {
            Measurements m = measured();

            assertThat(m.faults().get(0).outageMs()).isEqualTo(1500 - 400);
            assertThat(m.faults().get(1).outageMs()).isEqualTo(1450 - 800);
        }

        @Test
        void containmentIsJudgedFromTheFirstInjectionToTheLastRecovery() {
            ContainmentMeasure c = measured().containment();

            assertThat(c.from()).isEqualTo(300);
            assertThat(c.to()).isEqualTo(1500);
        }

        @Test
        void theReadmesExampleComesOutAsDocumented() {
            // broker-away 0..9 s, kill-worker at 5 s, probes failing from 1 s to 12 s, stable-for 3 s
            Measurements m = apiProbe().lane("probe:api", "+-----------++++++++", 1_000)
                    .window("broker-away", "postgres", 0, 9_000).crash("kill-worker", "worker-0", 5_000)
                    .measure(Duration.ofSeconds(3));

            FaultMeasure away = m.faults().get(0);
            FaultMeasure kill = m.faults().get(1);
            assertThat(new long[] {away.timeToDetectMs(), away.recoveryMs(), away.outageMs()})
                    .containsExactly(500, 2_500, 11_000);
            assertThat(new long[] {kill.timeToDetectMs(), kill.recoveryMs(), kill.outageMs()})
                    .containsExactly(0, 6_500, 6_500);
        }

        @Test
        void aFaultInjectedAfterTheOtherRecoveredIsMeasuredOnItsOwnFailures() {
            // the outage's failures (400..1000) are over by 1100; the crash at 1950 fails 2000..2100
            Measurements m = apiProbe().lane("probe:api", "++++-------+++++++++--+++++++++", 100)
                    .window("outage", "postgres", 300, 900).crash("kill", "worker-0", 1950).measure(STABLE_500MS);

            assertThat(m.faults().get(0).recoveryMs()).isEqualTo(1050 - 900);
            assertThat(m.faults().get(0).outageMs()).isEqualTo(1100 - 400);
            assertThat(m.faults().get(1).timeToDetectMs()).isEqualTo(1975 - 1950);
            assertThat(m.faults().get(1).outageMs()).isEqualTo(175);
        }
    }

    /** Load inside fault windows, on the overlapping faults above: windows [300, 1500) and [800, 1500). */
    @Nested
    class LoadInsideFaultWindows {
        private Measurements measured() {
            RunFixture fixture = apiProbe().lane("probe:api", "++++-----------++++++++++", 100)
                    .window("outage", "postgres", 300, 1200).crash("kill", "worker-0", 800).load(0, 2400);
            for (int t = 0; t < 2400; t += 100) {
                boolean refused = t >= 400 && t < 1000;
                long latency = t >= 300 && t < 1500 ? 1000 : 10;
                fixture.item("i" + t, t + latency, latency, refused ? 503 : 202, refused ? 0 : 1);
            }
            return fixture.measure(STABLE_500MS);
        }

        @Test
        void aFaultsWindowRunsFromItsInjectionToItsRecoveryPoint() {
            LoadMeasure outage = measured().faults().get(0).load();

            assertThat(outage.sent()).isEqualTo(12); // submitted at 300..1400
            assertThat(outage.accepted()).isEqualTo(6);
            assertThat(outage.errorRate()).isEqualTo(0.5);
            assertThat(outage.p99Ms()).isEqualTo(1000);
            assertThat(outage.throughputPerSec()).isCloseTo(6 / 1.2, within(1e-9));
        }

        @Test
        void aCrashsWindowIsItsRecovery() {
            LoadMeasure kill = measured().faults().get(1).load();

            assertThat(kill.sent()).isEqualTo(7); // submitted at 800..1400
            assertThat(kill.accepted()).isEqualTo(5);
            assertThat(kill.throughputPerSec()).isCloseTo(5 / 0.7, within(1e-9));
        }

        @Test
        void duringFaultsTakesTheUnionOfTheWindowsCountingEachItemOnce() {
            LoadMeasure during = measured().loadDuringFaults();

            assertThat(during.sent()).isEqualTo(12);
            assertThat(during.accepted()).isEqualTo(6);
            assertThat(during.throughputPerSec()).isCloseTo(6 / 1.2, within(1e-9));
        }

        @Test
        void theOverallFiguresStillCoverTheWholeLoad() {
            LoadMeasure all = measured().load();

            assertThat(all.sent()).isEqualTo(24);
            assertThat(all.accepted()).isEqualTo(18);
            assertThat(all.p50Ms()).isEqualTo(10);
            assertThat(all.throughputPerSec()).isCloseTo(18 / 2.4, within(1e-9));
        }

        @Test
        void anUnrecoveredFaultsWindowRunsToTheEndOfTheLoad() {
            RunFixture fixture = apiProbe().lane("probe:api", "+++-------", 100).crash("kill", "worker-0", 250)
                    .load(0, 1000);
            for (int t = 0; t < 1000; t += 100) {
                fixture.item("i" + t, t + 5, 5, 202, 1);
            }
            LoadMeasure kill = fixture.measure(STABLE_500MS).faults().get(0).load();

            assertThat(kill.sent()).isEqualTo(7); // 300..900
            assertThat(kill.throughputPerSec()).isCloseTo(7 / 0.75, within(1e-9));
        }

        @Test
        void withoutAnInjectedFaultThereIsNoFigureDuringFaults() {
            assertThat(new RunFixture().load(0, 1000).item("a", 10, 5, 202, 1).measure(STABLE_500MS)
                    .loadDuringFaults()).isNull();
        }
    }

    /**
     * The agents' own state after recovery against the ledger: a and b accepted and completed once, c refused and
     * never seen complete (it may still have been stored and done).
     */
    @Nested
    class State {
        private RunFixture ledger() {
            return new RunFixture().agentsReportState().item("a", 100, 10, 202, 1).item("b", 200, 10, 202, 1)
                    .item("c", 300, 10, 503, 0);
        }

        private static java.util.Map<String, Long> figures(Object... keysAndValues) {
            java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                m.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).longValue());
            }
            return m;
        }

        private RunFixture agreeing() {
            return ledger().state("orchestrator", figures("accepted", 3, "completed", 2, "completions", 2, "pending", 0))
                    .state("worker-0", figures("pending", 0)).state("worker-1", figures("pending", 0));
        }

        @Test
        void figuresInsideTheRangesTheLedgerImpliesAgree() {
            StateMeasure s = agreeing().measure(STABLE_500MS).state();

            assertThat(s.agrees()).isTrue();
            assertThat(s.services()).extracting(StateMeasure.ServiceState::service)
                    .containsExactly("worker", "orchestrator");
            assertThat(s.services().get(1).implied().get("accepted")).isEqualTo(new StateMeasure.Range(2, 3));
            assertThat(s.services().get(1).implied().get("completed")).isEqualTo(new StateMeasure.Range(2, 3));
        }

        @Test
        void anInstanceAScaleDownRetiredHasNoStateToReport() {
            StateMeasure s = ledger().state("orchestrator", figures("accepted", 3, "completed", 2, "completions", 2,
                    "pending", 0)).state("worker-0", figures("pending", 0))
                    .recovery("worker-1", dev.faultline.engine.model.RestartPolicy.Strategy.SCALE_DOWN, 500, 520, true)
                    .measure(STABLE_500MS).state();

            assertThat(s.agrees()).as(s.toString()).isTrue();
        }

        @Test
        void eachRecoveryByARestartStrategyIsMeasuredFromTheDeath() {
            var recoveries = ledger().recovery("worker-0", dev.faultline.engine.model.RestartPolicy.Strategy.RESTORE,
                    1_000, 4_500, true).measure(STABLE_500MS).recoveries();

            assertThat(recoveries).singleElement().satisfies(r -> {
                assertThat(r.service()).isEqualTo("worker");
                assertThat(r.durationMs()).isEqualTo(3_500);
                assertThat(r.recovered()).isTrue();
            });
        }

        @Test
        void workStillInFlightAfterRecoveryDisagrees() {
            StateMeasure s = agreeing().state("worker-1", figures("pending", 2)).measure(STABLE_500MS).state();

            assertThat(s.agrees()).isFalse();
            assertThat(s.services().get(0).reported()).containsEntry("pending", 2L);
            assertThat(s.services().get(0).disagreements()).containsExactly("pending 2, the ledger implies 0");
        }

        @Test
        void moreCompletionsThanTheLedgerCanExplainDisagree() {
            StateMeasure s = agreeing()
                    .state("orchestrator", figures("accepted", 3, "completed", 2, "completions", 4, "pending", 0))
                    .measure(STABLE_500MS).state();

            assertThat(s.services().get(1).disagreements()).containsExactly("completions 4, the ledger implies 2..3");
        }

        @Test
        void fewerAcceptedThanTheLoadSawAcceptedDisagree() {
            StateMeasure s = agreeing()
                    .state("orchestrator", figures("accepted", 1, "completed", 2, "completions", 2, "pending", 0))
                    .measure(STABLE_500MS).state();

            assertThat(s.services().get(1).disagreements()).containsExactly("accepted 1, the ledger implies 2..3");
        }

        @Test
        void anInstanceThatCannotBeReadDisagrees() {
            StateMeasure s = agreeing().stateUnreadable("worker-1", "java.net.ConnectException")
                    .measure(STABLE_500MS).state();

            assertThat(s.services().get(0).unreadable()).containsEntry("worker-1", "java.net.ConnectException");
            assertThat(s.agrees()).isFalse();
        }

        @Test
        void anInstanceNeverAskedDisagrees() {
            StateMeasure s = ledger().state("orchestrator", figures("pending", 0)).measure(STABLE_500MS).state();

            assertThat(s.services().get(0).disagreements()).hasSize(2).allMatch(d -> d.contains("did not report"));
        }

        @Test
        void keysOutsideTheVocabularyAreListedNotJudged() {
            StateMeasure s = agreeing().state("worker-0", figures("pending", 0, "brokerConnects", 7))
                    .measure(STABLE_500MS).state();

            assertThat(s.agrees()).isTrue();
            assertThat(s.services().get(0).reported()).containsEntry("brokerConnects", 7L);
            assertThat(s.services().get(0).implied()).containsOnlyKeys("pending");
        }

        @Test
        void withoutStateEndpointsThereIsNothingToJudge() {
            StateMeasure s = new RunFixture().item("a", 100, 10, 202, 1).measure(STABLE_500MS).state();

            assertThat(s.services()).isEmpty();
            assertThat(s.agrees()).isTrue();
        }
    }

    @Nested
    class Halt {
        @Test
        void theRevertLatencyRunsFromTheConditionToTheLastRevert() {
            HaltMeasure h = apiProbe().window("outage", "postgres", 100, 5300).halted(5000, 5300, "outage")
                    .measure(STABLE_500MS).halt();

            assertThat(h.revertLatencyMs()).isEqualTo(300);
            assertThat(h.reverted()).containsExactly("outage");
            assertThat(h.probe()).isEqualTo("api");
        }

        @Test
        void aRunThatWasNotHaltedHasNoHaltFigures() {
            assertThat(apiProbe().lane("probe:api", "++++", 100).measure(STABLE_500MS).halt()).isNull();
        }
    }

    @Nested
    class Sampling {
        @Test
        void lateTicksAreCountedWithTheWorstLag() {
            RunFixture f = apiProbe().lane("probe:api", "++++", 100);
            f.timeline.record(new dev.faultline.engine.timeline.TimelineEvent.SamplerLag(1_200, 900));
            f.timeline.record(new dev.faultline.engine.timeline.TimelineEvent.SamplerLag(1_210, 810));

            SamplingMeasure s = f.measure(STABLE_500MS).sampling();

            assertThat(s.lateTicks()).isEqualTo(2);
            assertThat(s.worstLagMs()).isEqualTo(900);
            assertThat(s.firstLateAt()).isEqualTo(1_200);
        }

        @Test
        void aRunOnScheduleHasNoLateTicks() {
            assertThat(apiProbe().lane("probe:api", "++++", 100).measure(STABLE_500MS).sampling())
                    .isEqualTo(new SamplingMeasure(0, 0, -1, 4, 0, 0));
        }
    }
}
