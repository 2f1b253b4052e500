package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.faultline.engine.measure.ContainmentMeasure;
import dev.faultline.engine.measure.DriverMeasure;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.HaltMeasure;
import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.LoadMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.measure.ProbeMeasure;
import dev.faultline.engine.measure.SamplingMeasure;
import dev.faultline.engine.measure.StateMeasure;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.reports.JsonReporter;
import dev.faultline.reports.saved.SavedDriver;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedHalt;
import dev.faultline.reports.saved.SavedRun;
import dev.faultline.reports.saved.SavedSampling;

/**
 * result.json is a contract: what {@link JsonReporter} writes for a passing, a failing, a halted and an erroneous
 * run matches {@code docs/result.schema.json}, and the schema is strict enough to notice a renamed, missing or
 * mistyped field.
 */
class ResultJsonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCENARIO = """
            scenario: schema-fixture
            topology: topologies/support-desk.yaml
            steady-state:
              probes:
                - name: api-ready
                  http: { service: orchestrator, port: 8080, path: /ready }
            load:
              rate: 20/s
              duration: 30s
              submit:  { service: orchestrator, port: 8080, path: /tasks }
              results: { service: orchestrator, port: 8080, path: /results }
            faults:
              - { name: kill-worker, type: agent-crash, target: "worker[0]", at: 10s }
              - { name: slow-store, type: network, target: worker->postgres, at: 15s, duration: 10s,
                  with: { latency: 300ms } }
            """;

    private final ResultSchema schema = ResultSchema.standard();

    @TempDir
    Path dir;

    @Test
    void aPassingRunsResultMatchesTheSchema() throws IOException {
        RunResult passing = result(Verdict.PASSED, "every objective met", figures(), 60_000);

        assertThat(schema.violations(written(passing))).isEmpty();
    }

    @Test
    void aFailingRunsResultWithLostWorkMatchesTheSchema() throws IOException {
        Figures figures = figures();
        figures.integrity = new IntegrityMeasure(600, 597, 3, 1, 0, 1_200, new IntegrityMeasure.LossWindow(9_100, 9_900),
                List.of("r-000182", "r-000183", "r-000190"), List.of("r-000201"));
        figures.containment = new ContainmentMeasure(List.of("worker", "orchestrator"), null, List.of(
                new ContainmentMeasure.DegradedService("worker", 10_050, null),
                new ContainmentMeasure.DegradedService("orchestrator", 10_400, null)), 10_000, 14_000, List.of("worker"));
        figures.state = new StateMeasure(List.of(new StateMeasure.ServiceState("orchestrator",
                Map.of("accepted", 590L), Map.of("accepted", new StateMeasure.Range(600, 600)),
                Map.of("orchestrator-0", "connection refused"),
                List.of("accepted 590 outside 600", "orchestrator-0: connection refused"))));
        figures.checks = List.of(new Objective.Check("integrity.lost", "0", "3 (r-000182, r-000183, r-000190)", false));
        RunResult failing = result(Verdict.FAILED, "integrity.lost: expected 0 but was 3", figures, 60_000);

        assertThat(schema.violations(written(failing))).isEmpty();
    }

    @Test
    void aHaltedRunsResultMatchesTheSchema() throws IOException {
        Figures figures = figures();
        figures.halt = new HaltMeasure("api-ready", "probe api-ready failing for 3050 ms (limit 3000 ms)", 18_000,
                18_483, 483, List.of("slow-store"), 7L);
        RunResult halted = result(Verdict.ABORTED, "halted: probe api-ready failing for 3050 ms", figures, -1);

        Path written = written(halted);

        assertThat(schema.violations(written)).isEmpty();
        assertThat(JSON.readTree(written.toFile()).get("halt").get("revertLatencyBoundMs").asLong()).isEqualTo(7);
        assertThat(SavedRun.read(dir).halt()).isEqualTo(new SavedHalt("api-ready",
                "probe api-ready failing for 3050 ms (limit 3000 ms)", 18_000, 18_483, 483, 7L, List.of("slow-store")));
    }

    @Test
    void eachTimeFigureIsWrittenWithItsBoundBesideItAndReadsBack() throws IOException {
        // given a fault measured with bounds: 80ms ± 12ms to detect, 3.28s ± 9ms to recover, 2.1s ± 21ms of outage
        Path written = written(result(Verdict.PASSED, "every objective met", figures(), 60_000));

        // then result.json has each bound beside its figure, for the fault and for each probe
        JsonNode fault = JSON.readTree(written.toFile()).get("faults").get(0);
        JsonNode probe = fault.get("probes").get("probe:api-ready");
        for (JsonNode figures : List.of(fault, probe)) {
            assertThat(List.of(figures.get("timeToDetectBoundMs").asLong(), figures.get("recoveryBoundMs").asLong(),
                    figures.get("outageBoundMs").asLong())).containsExactly(12L, 9L, 21L);
        }
        assertThat(fieldNames(fault)).containsSubsequence("timeToDetectMs", "timeToDetectBoundMs", "recoveryMs",
                "recoveryBoundMs", "recovered", "recoveredAtMs", "outageMs", "outageBoundMs");
        // and the saved run reads them back
        SavedFault saved = SavedRun.read(dir).faults().get(0);
        assertThat(List.of(saved.timeToDetectBoundMs(), saved.recoveryBoundMs(), saved.outageBoundMs()))
                .containsExactly(12L, 9L, 21L);
        assertThat(saved.probes().get("probe:api-ready")).isEqualTo(
                new SavedFault.Probe(80L, 12L, 3_280L, 9L, true, 2_100L, 21L));
    }

    @Test
    void aFigureWhoseBoundIsNotKnownIsWrittenWithANullBound() throws IOException {
        // given a fault measured without bounds (its probe too)
        Figures figures = figures();
        FaultMeasure f = figures.faults.get(0);
        figures.faults = List.of(new FaultMeasure(f.name(), f.type(), f.target(), true, f.injectedAt(),
                f.revertedAt(), 80L, 3_280L, true, f.recoveredAt(), 2_100L,
                Map.of("probe:api-ready", new ProbeMeasure("probe:api-ready", 80L, 3_280L, true, 2_100)), f.load()),
                figures.faults.get(1));

        Path written = written(result(Verdict.PASSED, "every objective met", figures, 60_000));

        assertThat(schema.violations(written)).isEmpty();
        JsonNode fault = JSON.readTree(written.toFile()).get("faults").get(0);
        assertThat(fault.get("recoveryBoundMs").isNull()).isTrue();
        assertThat(fault.get("probes").get("probe:api-ready").get("outageBoundMs").isNull()).isTrue();
        assertThat(SavedRun.read(dir).faults().get(0).recoveryBoundMs()).isNull();
    }

    @Test
    void samplingSaysHowManyProbesWentOutRegularAndExtra() throws IOException {
        Path written = written(result(Verdict.PASSED, "every objective met", figures(), 60_000));

        JsonNode sampling = JSON.readTree(written.toFile()).get("sampling");
        assertThat(List.of(sampling.get("probeSamples").asLong(), sampling.get("extraProbes").asLong()))
                .containsExactly(600L, 48L);
        assertThat(sampling.get("extraProbesPerSecond").asDouble()).isEqualTo(1.67);
        assertThat(SavedRun.read(dir).sampling()).isEqualTo(new SavedSampling(100, 2, 140, 600L, 48L, 1.67));
    }

    @Test
    void anErroneousRunWhoseFaultsNeverTookEffectMatchesTheSchema() throws IOException {
        Figures figures = new Figures();
        figures.faults = List.of(neverInjected("kill-worker"), neverInjected("slow-store"));
        figures.load = new LoadMeasure(0, 0, 0.0, null, null, null, 0.0);
        figures.integrity = new IntegrityMeasure(0, 0, 0, 0, 0, 0, null, List.of(), List.of());
        figures.containment = new ContainmentMeasure(List.of(), null, List.of(), -1, -1, List.of());
        figures.state = new StateMeasure(List.of());
        figures.checks = List.of();
        RunResult error = result(Verdict.ERROR, "fault kill-worker: no container for worker[0]", figures, -1);

        assertThat(schema.violations(written(error))).isEmpty();
    }

    @Test
    void aRunsConnectionAttemptsMatchTheSchema() throws IOException {
        Figures figures = figures();
        for (long t = 0; t <= 40_000; t += 1_000) {
            figures.timeline.record(new TimelineEvent.Connections(t, "rabbitmq", t / 100, 3));
        }

        Path written = written(result(Verdict.PASSED, "every objective met", figures, 60_000));

        assertThat(schema.violations(written)).isEmpty();
        JsonNode rabbitmq = JSON.readTree(written.toFile()).get("connections").get(0);
        assertThat(rabbitmq.get("service").asText()).isEqualTo("rabbitmq");
        assertThat(rabbitmq.get("peakPerSec").asLong()).isEqualTo(10);
        assertThat(rabbitmq.get("duringFaults").get("meanPerSec").asDouble()).isPositive();
    }

    @Test
    void aLoadDriversOwnFiguresMatchTheSchemaAndReadBackAsTheyWereMeasured() throws IOException {
        Figures figures = figures();
        figures.driver = new DriverMeasure("gatling", "com.example.Sim", 41, 38, 3, 4, 9, 30, "gatling/index.html",
                List.of(new DriverMeasure.Second(5_000, 20, 0, 4, 8, 12), new DriverMeasure.Second(6_000, 18, 3, 5, 9,
                        30), new DriverMeasure.Second(7_000, 0, 0, null, null, null)));

        Path written = written(result(Verdict.PASSED, "every objective met", figures, 60_000));

        assertThat(schema.violations(written)).isEmpty();
        assertThat(SavedRun.read(dir).driver()).isEqualTo(new SavedDriver("gatling", "com.example.Sim",
                "gatling/index.html", 41, 38, 3, 4L, 9L, 30L, List.of(
                        new SavedDriver.Second(5_000, 20, 0, 4L, 8L, 12L),
                        new SavedDriver.Second(6_000, 18, 3, 5L, 9L, 30L),
                        new SavedDriver.Second(7_000, 0, 0, null, null, null))));
    }

    @Test
    void aLedgerDriversResultHasNoDriverFigures() throws IOException {
        Path written = written(result(Verdict.PASSED, "every objective met", figures(), 60_000));

        assertThat(JSON.readTree(written.toFile()).get("load").get("driver").isNull()).isTrue();
        assertThat(SavedRun.read(dir).driver()).isNull();
    }

    @Test
    void aRepeatedCrashsResultCarriesItsLastCrash() throws IOException {
        Figures figures = figures();
        figures.lastCrashAt = 20_000; // kill-worker injected at 10 s, crashed again until 20 s

        ObjectNode result = (ObjectNode) JSON.readTree(
                written(result(Verdict.PASSED, "every objective met", figures, 60_000)).toFile());

        assertThat(result.get("faults").get(0).get("lastActedAtMs").asLong()).isEqualTo(20_000);
    }

    @Test
    void theSchemaRejectsARenamedField() throws IOException {
        ObjectNode result = passingResultJson();
        ((ObjectNode) result.get("integrity")).set("lostCount", result.get("integrity").get("lost"));
        ((ObjectNode) result.get("integrity")).remove("lost");

        assertThat(schema.violations(result)).anySatisfy(v -> assertThat(v).contains("lostCount"))
                .anySatisfy(v -> assertThat(v).contains("lost"));
    }

    @Test
    void theSchemaRejectsAFigureOfTheWrongType() throws IOException {
        ObjectNode result = passingResultJson();
        ((ObjectNode) result.get("faults").get(0)).put("recoveryMs", "3.2s");

        assertThat(schema.violations(result)).anySatisfy(v -> assertThat(v).contains("recoveryMs"));
    }

    @Test
    void theSchemaRejectsANegativeOrMissingBound() throws IOException {
        ObjectNode negative = passingResultJson();
        ((ObjectNode) negative.get("faults").get(0).get("probes").get("probe:api-ready")).put("recoveryBoundMs", -1);
        ObjectNode missing = passingResultJson();
        ((ObjectNode) missing.get("sampling")).remove("extraProbes");
        ((ObjectNode) missing.get("faults").get(0)).remove("outageBoundMs");

        assertThat(schema.violations(negative)).anySatisfy(v -> assertThat(v).contains("recoveryBoundMs"));
        assertThat(schema.violations(missing)).anySatisfy(v -> assertThat(v).contains("extraProbes"))
                .anySatisfy(v -> assertThat(v).contains("outageBoundMs"));
    }

    @Test
    void theSchemaRejectsAnExitCodeThatIsNotTheVerdicts() throws IOException {
        ObjectNode result = passingResultJson();
        result.put("exitCode", 1);

        assertThat(schema.violations(result)).isNotEmpty();
    }

    @Test
    void assertValidNamesEveryViolation() throws IOException {
        ObjectNode result = passingResultJson();
        result.remove("verdict");
        Path file = dir.resolve("broken.json");
        JSON.writeValue(file.toFile(), result);

        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> schema.assertValid(file));

        assertThat(error).hasMessageContaining("verdict").hasMessageContaining(file.toString());
    }

    // ---- fixtures

    private ObjectNode passingResultJson() throws IOException {
        return (ObjectNode) JSON.readTree(written(result(Verdict.PASSED, "every objective met", figures(), 60_000))
                .toFile());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Path written(RunResult result) throws IOException {
        new JsonReporter().write(result, dir);
        return dir.resolve("result.json");
    }

    private static Figures figures() {
        Figures f = new Figures();
        LoadMeasure inWindow = new LoadMeasure(200, 196, 0.02, 30L, 90L, 250L, 19.6);
        f.faults = List.of(
                injected("kill-worker", "agent-crash", "worker[0]", 10_000, 10_000, inWindow),
                injected("slow-store", "network", "worker->postgres", 15_000, 25_000, inWindow));
        return f;
    }

    private static FaultMeasure injected(String name, String type, String target, long injectedAt, long revertedAt,
                                         LoadMeasure load) {
        Map<String, ProbeMeasure> probes = new LinkedHashMap<>();
        probes.put("probe:api-ready", new ProbeMeasure("probe:api-ready", 80L, 3_280L, true, 2_100, 12L, 9L, 21L));
        return new FaultMeasure(name, type, target, true, injectedAt, revertedAt, 80L, 3_280L, true,
                revertedAt + 3_280, 2_100L, probes, load, 12L, 9L, 21L);
    }

    private static FaultMeasure neverInjected(String name) {
        return new FaultMeasure(name, "agent-crash", "worker[0]", false, -1, -1, null, null, false, null, null,
                Map.of(), null);
    }

    private RunResult result(Verdict verdict, String reason, Figures figures, long drainEnd) {
        Scenario scenario = ScenarioLoader.standard().load(SCENARIO,
                ResultSchema.ROOT.resolve("scenarios/schema-fixture.yaml"));
        List<FaultWindow> windows = new ArrayList<>();
        for (int i = 0; i < scenario.faults().size(); i++) {
            FaultMeasure f = figures.faults.get(i);
            boolean crash = f.type().equals("agent-crash");
            long lastActedAt = crash && figures.lastCrashAt >= 0 ? figures.lastCrashAt : f.injectedAt();
            windows.add(new FaultWindow(scenario.faults().get(i), f.injected() ? List.of("worker-0") : List.of(),
                    f.injectedAt(), lastActedAt, f.revertedAt(), crash,
                    f.injected() ? null : "no container answers for " + f.target()));
        }
        boolean loadRan = figures.load.sent() > 0;
        RunRecord record = new RunRecord(scenario, "schema-fixture-run1", Instant.parse("2026-01-01T10:00:00Z"),
                figures.timeline, new Ledger(), windows, Map.of("worker", List.of("worker-0", "worker-1")),
                loadRan ? 5_000 : -1, loadRan ? 35_000 : -1, drainEnd);
        return new RunResult(record, figures.measurements(), figures.checks, verdict, reason,
                Instant.parse("2026-01-01T10:01:05.250Z"), dir);
    }

    /** The figures of a run that met every objective, each replaceable. */
    private static final class Figures {
        List<FaultMeasure> faults = List.of();
        /** When the crash crashed its target the last time; -1: it never repeated. */
        long lastCrashAt = -1;
        IntegrityMeasure integrity = new IntegrityMeasure(600, 600, 0, 0, 0, 0, null, List.of(), List.of());
        ContainmentMeasure containment = new ContainmentMeasure(List.of("worker"), 0,
                List.of(new ContainmentMeasure.DegradedService("worker", 10_050, 0)), 10_000, 13_280, List.of("worker"));
        LoadMeasure load = new LoadMeasure(600, 600, 0.0, 20L, 40L, 80L, 20.0);
        LoadMeasure duringFaults = new LoadMeasure(300, 296, 0.0133, 25L, 60L, 240L, 19.7);
        StateMeasure state = new StateMeasure(List.of(new StateMeasure.ServiceState("orchestrator",
                Map.of("accepted", 600L, "pending", 0L),
                Map.of("accepted", new StateMeasure.Range(600, 600), "pending", new StateMeasure.Range(0, 0)),
                Map.of(), List.of())));
        HaltMeasure halt;
        /** The load driver's own figures; null: the ledger driver. */
        DriverMeasure driver;
        /** The run's events; only the connection counts matter to result.json. */
        Timeline timeline = new Timeline();
        List<Objective.Check> checks = List.of(new Objective.Check("recovery[kill-worker]", "<= 15s", "3.28s", true),
                new Objective.Check("integrity.lost", "0", "0", true));

        Measurements measurements() {
            boolean injected = faults.stream().anyMatch(FaultMeasure::injected);
            return new Measurements(faults, integrity, containment, load, injected ? duringFaults : null, state, halt,
                    new SamplingMeasure(2, 140, 12_300, 600, 48, 1.6666), List.of(), driver);
        }
    }
}
