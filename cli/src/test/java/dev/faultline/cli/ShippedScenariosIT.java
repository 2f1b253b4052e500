package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.faultline.junit.ScenarioTests;
import dev.faultline.engine.measure.ConnectionMeasure;
import dev.faultline.engine.measure.DriverMeasure;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.HaltMeasure;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.reports.Chromium;
import dev.faultline.reports.RenderedReports;
import dev.faultline.reports.Reports;
import dev.faultline.reports.saved.SavedRun;

/**
 * The shipped scenarios pass against the shipped topology; the negative controls fail on integrity. Every run's
 * result.json matches docs/result.schema.json, and every run's report.html renders in Chromium.
 */
class ShippedScenariosIT {
    static final Path ROOT = Path.of(System.getProperty("faultline.root", "..")).toAbsolutePath().normalize();
    private static final ResultSchema RESULT_SCHEMA = ResultSchema.standard();

    /**
     * Copies the support desk's topology to {@code dir}/topologies, where a scenario written to {@code dir} may name
     * it as {@code topologies/support-desk.yaml} (a topology outside a scenario's folder and the one above is refused).
     */
    static void copySupportDesk(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("topologies"));
        Files.copy(ROOT.resolve("scenarios/topologies/support-desk.yaml"), dir.resolve("topologies/support-desk.yaml"));
    }

    /**
     * Every run these tests made (shipped scenarios and controls) has a report.html that renders in real headless
     * Chromium, and the suite's reports built from those saved runs render too. Screenshots: target/screenshots/.
     */
    @AfterAll
    static void everyRunsReportAndTheSuiteReportRenderInChromium() throws IOException {
        Path reportDir = ScenarioTests.reportDir();
        List<SavedRun> runs = new ArrayList<>();
        for (Path dir : Reports.findRuns(List.of(reportDir))) {
            runs.add(SavedRun.read(dir));
        }
        Reports.writeSuite(runs, reportDir);
        Chromium chromium = Chromium.headless();
        Path screenshots = Path.of("target", "screenshots");
        List<String> failures = new ArrayList<>();
        for (SavedRun run : runs) {
            try {
                RenderedReports.assertRunReportRenders(chromium, run.dir(), screenshots.resolve(run.scenario() + ".png"));
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).as("reports that did not render as they should").isEmpty();
        RenderedReports.assertSuiteReportRenders(chromium, reportDir, runs, screenshots.resolve("index.png"));
    }

    @AfterEach
    void noContainerIsLeftBehind() {
        assertThat(Docker.faultlineContainers()).as("containers labelled dev.faultline.run").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> shippedScenariosPass() {
        return ScenarioTests.expecting(Verdict.PASSED, ShippedScenariosIT::figuresAreReported, ROOT.resolve("scenarios"));
    }

    static void figuresAreReported(RunResult result) {
        assertThat(result.measurements().integrity().accepted()).isPositive();
        assertThat(result.measurements().integrity().lost()).isZero();
        assertThat(result.measurements().integrity().duplicated()).isZero();
        assertThat(result.reportDir().resolve("result.json")).exists();
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
        assertThat(result.reportDir().resolve("timeline.jsonl")).exists();
        assertThat(result.measurements().state().services()).as("agents reported their state").isNotEmpty();
        assertThat(result.measurements().state().agrees()).as("state agrees: " + result.measurements().state())
                .isTrue();
        assertThat(result.measurements().loadDuringFaults()).as("load figures inside the fault windows").isNotNull();
        assertThat(result.measurements().faults()).allSatisfy(f -> {
            assertThat(f.injected()).as(f.name() + " injected").isTrue();
            assertThat(f.recovered()).as(f.name() + " recovered").isTrue();
        });
        FaultMeasure fault = result.measurements().faults().get(0);
        gatlingCountsWhatTheLedgerCounts(result);
        switch (result.scenario()) {
            case "worker-crash" -> {
                assertThat(fault.timeToDetectMs()).isNotNull();
                assertThat(fault.recoveryMs()).as("recovery after a 2 s restart delay").isGreaterThanOrEqualTo(2_000L);
            }
            case "crash-loop" -> {
                // recovery counts from the last of three crashes 5 s apart, not from the first; recoveredAt is the
                // return as seen, recoveryMs counts to the middle of its span, so the two differ by that span's width
                // at most (tens of milliseconds at sample-every 100ms): far less than the 5 s between crashes
                FaultWindow loop = result.record().faults().get(0);
                assertThat(loop.lastActedAt()).as("last crash").isGreaterThanOrEqualTo(loop.injectedAt() + 9_000);
                assertThat(fault.recoveredAt() - fault.recoveryMs()).as("recovery start")
                        .isBetween(loop.lastActedAt() - 1_000, loop.lastActedAt() + 1_000);
            }
            // the kill hit the active planner (planner-0 led term 1) and a planner took over in term 2 (planner-1, unless
            // planner-0 was back first), within about the 3 s lease of the crash (agents/README.md: between
            // LEADER_LEASE - LEASE_RENEW and LEADER_LEASE)
            case "planner-failover" -> {
                assertThat(result.reportDir().resolve("logs/planner-0.log")).content()
                        .contains("planner-0 leading as term 1");
                assertThat(result.reportDir().resolve("logs")).isDirectoryContaining(log -> log.getFileName()
                        .toString().startsWith("planner-") && contains(log, "leading as term 2"));
                assertThat(fault.timeToDetectMs()).as("the silent leader is seen").isNotNull();
                assertThat(fault.recoveryMs()).as("failover time").isBetween(1_000L, 6_000L);
            }
            case "broker-outage" -> assertThat(fault.timeToDetectMs()).as("the broker's absence is seen").isNotNull();
            case "broker-retry-jitter" -> {
                // the agents did retry through the proxy in front of the killed broker, and were counted
                ConnectionMeasure rabbitmq = rabbitmqAttempts(result);
                assertThat(rabbitmq.duringFaults()).as("attempts while the broker was away").isPositive();
                System.out.printf("broker-retry-jitter: %s%n", rabbitmq);
            }
            case "broker-partition" -> {
                assertThat(fault.probes().get("probe:worker-0-ready").timeToDetectMs()).as("worker-0 cut off").isNotNull();
                assertThat(fault.probes().get("probe:worker-1-ready").timeToDetectMs()).as("worker-1 cut off").isNotNull();
                assertThat(result.measurements().containment().degraded()).doesNotContain("orchestrator");
            }
            case "store-latency" -> assertThat(result.measurements().containment().degraded())
                    .as("degraded services").doesNotContain("orchestrator");
            case "stream-corruption" -> {
                assertThat(result.measurements().containment().degraded()).doesNotContain("orchestrator");
                // the corruption really reached worker-0: a delivery failed its check, or a garbled frame broke the link
                assertThat(result.reportDir().resolve("logs/worker-0.log")).content()
                        .containsAnyOf("failed its integrity check", "lost the broker connection");
            }
            // the poison really reached the workers, and they dead-lettered it rather than let it cycle
            case "poison-messages" -> assertThat(result.reportDir().resolve("logs")).isDirectoryContaining(log ->
                    log.getFileName().toString().startsWith("worker-") && contains(log, "rejected without requeue"));
            // the squeeze really reached the agent: it said so, and carried on
            case "disk-full" -> assertThat(result.reportDir().resolve("logs/worker-0.log")).content()
                    .contains("cannot write checkpoints");
            case "fd-exhaustion" -> assertThat(result.reportDir().resolve("logs/worker-0.log")).content()
                    .contains("Too many open files");
            // the slow store really opened the orchestrator's breaker, and its request threads never all waited on it
            case "store-slow-breaker" -> assertThat(result.reportDir().resolve("logs/orchestrator.log")).content()
                    .contains("orchestrator store circuit breaker: CLOSED -> OPEN")
                    .doesNotContain("request threads are busy");
            // the tampering really reached the restarted worker-0, which refused the tampered checkpoint
            case "state-corruption" -> assertThat(result.reportDir().resolve("logs/worker-0.log")).content()
                    .containsPattern("checkpoint version \\d+ of worker-0 fails its SHA-256");
            // each strategy brought its instance back, and its recovery was measured from the death
            case "recovery-strategies" -> assertThat(result.measurements().recoveries())
                    .extracting(r -> r.strategy().yamlName() + " " + r.instance() + " " + r.recovered())
                    .containsExactlyInAnyOrder("scale-down standby-0 true", "restart spare true",
                            "restore worker-0 true", "redeploy orchestrator true");
            // the kill landed inside commit windows, and a recovery sweep settled what worker-0 left in doubt
            case "two-phase-commit" -> assertThat(result.reportDir().resolve("logs")).isDirectoryContaining(log ->
                    log.getFileName().toString().startsWith("worker-") && contains(log, "recovery sweep: "));
            default -> {
            }
        }
    }

    @Test
    void unsafeWorkersFailTheWorkerCrashControlOnIntegrity() {
        failsOnIntegrity("scenarios/controls/worker-crash-unsafe.yaml");
    }

    @Test
    void anUnsafeOrchestratorFailsTheBrokerOutageControlOnIntegrityAndOnItsOwnState() {
        RunResult result = failsOnIntegrity("scenarios/controls/broker-outage-unsafe.yaml");
        // it answered 202 for work it dropped and never recorded: its own state holds less than the ledger saw accepted
        assertThat(result.violations()).extracting(c -> c.name()).contains("integrity.state[orchestrator]");
        assertThat(result.measurements().state().services().get(0).reported().get("accepted"))
                .isLessThan(result.measurements().integrity().accepted());
    }

    @Test
    void unsafeWorkersFailTheStreamCorruptionControlOnIntegrity() {
        failsOnIntegrity("scenarios/controls/stream-corruption-unsafe.yaml");
    }

    @Test
    void workersJudgingDeadlinesByTheirOwnClockFailTheClockSkewControlOnLostWork() {
        RunResult result = failsOnIntegrity("scenarios/controls/clock-skew-unsafe.yaml");

        assertThat(result.violations()).extracting(c -> c.name()).contains("integrity.lost");
        assertThat(result.reportDir().resolve("logs/worker-0.log")).content()
                .contains("by this worker's wall clock (DEADLINE_CLOCK=wall)");
    }

    @Test
    void unsafeWorkersFailTheCrashLoopControlOnLostWork() {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard()
                .load(ROOT.resolve("scenarios/controls/crash-loop-unsafe.yaml")));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.violations()).extracting(c -> c.name()).contains("integrity.lost");
        FaultWindow loop = result.record().faults().get(0);
        assertThat(loop.lastActedAt()).as("the crash repeated").isGreaterThan(loop.injectedAt());
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
    }

    @Test
    void workersRestoringUncheckedCheckpointsFailTheStateCorruptionControlOnTheirState() {
        failsOnTheirStateWithEveryFaultTaken("scenarios/controls/state-corruption-unsafe.yaml");
    }

    @Test
    void workersCommittingToTwoStoresOneAfterTheOtherFailTheTwoPhaseCommitControlOnTheirBookings() {
        // tasks completed and never booked: the workers' bookings fall short of the tasks the ledger saw completed
        failsOnTheirStateWithEveryFaultTaken("scenarios/controls/two-phase-commit-off.yaml");
    }

    @Test
    void anOrchestratorWithoutBreakersFailsTheSlowStoreControlOnP99Latency() {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard()
                .load(ROOT.resolve("scenarios/controls/store-slow-no-breaker.yaml")));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.violations()).extracting(c -> c.name())
                .contains("slo.p99-latency", "slo.during-faults.p99-latency");
        // without a timeout or a breaker its request threads all waited on the slow store
        assertThat(result.reportDir().resolve("logs/orchestrator.log")).content()
                .contains("all 32 request threads are busy");
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
    }

    /** Each resource-exhaustion control fails on the objective its resource threatens, against unsafe agents. */
    @ParameterizedTest(name = "{0} fails on {1}")
    @CsvSource({
            "scenarios/controls/disk-full-unsafe.yaml,         integrity.lost",
            "scenarios/controls/fd-exhaustion-unsafe.yaml,     integrity.lost",
            "scenarios/controls/store-connections-unsafe.yaml, integrity.lost",
            "scenarios/controls/memory-pressure-unsafe.yaml,   integrity.lost",
            "scenarios/controls/cpu-starvation-busy.yaml,      slo.during-faults.p99-latency"})
    void eachResourceHasAControlThatFailsOnIt(String control, String objective) {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard().load(ROOT.resolve(control)));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.violations()).extracting(c -> c.name()).contains(objective);
        assertThat(result.measurements().faults()).singleElement().satisfies(f -> assertThat(f.injected())
                .as("the squeeze took effect").isTrue());
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
    }

    /** Each data fault's control fails on the objective it exists to catch, against workers missing one safeguard. */
    @ParameterizedTest(name = "{0} fails on {1}")
    @CsvSource({
            "scenarios/controls/poison-messages-unsafe.yaml,    integrity.lost",
            "scenarios/controls/duplicate-delivery-unsafe.yaml, integrity.duplicated"})
    void eachDataFaultHasAControlThatFailsOnIt(String control, String objective) {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard().load(ROOT.resolve(control)));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.violations()).extracting(c -> c.name()).contains(objective);
        assertThat(result.measurements().faults()).singleElement().satisfies(f -> assertThat(f.injected())
                .as("the corruption took effect").isTrue());
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
    }

    @ParameterizedTest(name = "{0} fails on {1}")
    @CsvSource({
            "scenarios/controls/recovery-too-slow.yaml,  recovery[kill-worker]",
            "scenarios/controls/recovery-strategies-no-replica.yaml, recovery[kill-standby]",
            "scenarios/controls/planner-failover-long-lease.yaml, recovery[kill-active-planner]",
            "scenarios/controls/containment-broken.yaml, containment.must-stay-healthy",
            "scenarios/controls/slo-latency.yaml,        slo.p99-latency slo.during-faults.p99-latency",
            "scenarios/controls/gatling-load-latency.yaml, slo.p99-latency slo.during-faults.p99-latency",
            "scenarios/controls/back-to-normal-degraded.yaml, back-to-normal.p50-latency back-to-normal.p99-latency"})
    void eachObjectiveHasAControlThatFailsOnIt(String control, String objectives) {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard().load(ROOT.resolve(control)));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.violations()).extracting(c -> c.name()).contains(objectives.split(" "));
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
        gatlingCountsWhatTheLedgerCounts(result);
    }

    /** Under the gatling driver, Gatling's own count of 2xx answers is the ledger's accepted count. */
    static void gatlingCountsWhatTheLedgerCounts(RunResult result) {
        if (!result.record().scenario().load().driver().equals("gatling")) {
            return;
        }
        DriverMeasure gatling = result.measurements().driver();
        assertThat(gatling).as("Gatling's own figures").isNotNull();
        assertThat(gatling.ok()).as("Gatling's OK (2xx) count").isPositive()
                .isEqualTo(result.measurements().load().accepted());
        assertThat(gatling.requests()).as("Gatling's requests").isEqualTo(result.measurements().load().sent());
        assertThat(gatling.perSecond()).as("Gatling's seconds").isNotEmpty();
        assertThat(result.reportDir().resolve(gatling.report())).as("Gatling's report").isRegularFile();
        System.out.printf("%s: Gatling %d requests, %d OK (2xx), %d KO; ledger %d sent, %d accepted%n",
                result.scenario(), gatling.requests(), gatling.ok(), gatling.ko(), result.measurements().load().sent(),
                result.measurements().load().accepted());
    }

    @Test
    void agentsReconnectingWithoutJitterFailTheRetryStormControlOnTheirConnectionAttempts() {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard()
                .load(ROOT.resolve("scenarios/controls/broker-retry-storm.yaml")));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.violations()).extracting(c -> c.name())
                .containsExactlyInAnyOrder("connections[rabbitmq].peak-rate", "connections[rabbitmq].mean-rate");
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
        System.out.printf("broker-retry-storm: %s%n", rabbitmqAttempts(result));
    }

    private static ConnectionMeasure rabbitmqAttempts(RunResult result) {
        return ConnectionMeasure.of(result.record(), result.measurements()).stream()
                .filter(c -> c.service().equals("rabbitmq")).findFirst()
                .orElseThrow(() -> new AssertionError("the fault proxy in front of rabbitmq was never sampled"));
    }

    @Test
    void aHaltConditionRevertsEveryFaultAtOnceAndAbortsTheRun() throws Exception {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard()
                .load(ROOT.resolve("scenarios/controls/halt-broker-outage.yaml")));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.ABORTED);
        assertThat(result.verdict().exitCode()).isEqualTo(3);
        HaltMeasure halt = result.measurements().halt();
        assertThat(halt).as("halt figures").isNotNull();
        assertThat(halt.reverted()).containsExactly("broker-away");
        FaultMeasure outage = result.measurements().faults().get(0);
        assertThat(outage.revertedAt()).as("reverted at the halt, not after its 60 s")
                .isEqualTo(halt.lastRevertedAt())
                .isLessThan(outage.injectedAt() + 30_000);
        assertThat(halt.revertLatencyMs()).as("condition true -> last fault reverted").isBetween(0L, 5_000L);
        String json = java.nio.file.Files.readString(result.reportDir().resolve("result.json"));
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
        assertThat(json).contains("\"verdict\" : \"ABORTED\"", "\"revertLatencyMs\" : " + halt.revertLatencyMs(),
                "\"drained\" : false");
        System.out.printf("halt-broker-outage: condition true at %d ms, outage reverted %d ms later%n",
                halt.conditionTrueAt(), halt.revertLatencyMs());
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunResult failsOnIntegrity(String control) {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard().load(ROOT.resolve(control)));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.measurements().integrity().lost() + result.measurements().integrity().duplicated())
                .isPositive();
        assertThat(result.violations()).anySatisfy(c -> assertThat(c.name()).startsWith("integrity."));
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
        return result;
    }

    /** A control against workers that must FAIL on {@code integrity.state[worker]}, every fault having taken effect. */
    private static void failsOnTheirStateWithEveryFaultTaken(String control) {
        RunResult result = ScenarioTests.run(ScenarioLoader.standard().load(ROOT.resolve(control)));

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FAILED);
        assertThat(result.violations()).extracting(c -> c.name()).contains("integrity.state[worker]");
        assertThat(result.measurements().faults()).allSatisfy(f -> assertThat(f.injected())
                .as(f.name() + " took effect").isTrue());
        RESULT_SCHEMA.assertValid(result.reportDir().resolve("result.json"));
    }
}
