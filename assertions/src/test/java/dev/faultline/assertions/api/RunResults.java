package dev.faultline.assertions.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.measure.ContainmentMeasure;
import dev.faultline.engine.measure.ContainmentMeasure.DegradedService;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.HaltMeasure;
import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.LoadMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.measure.ProbeMeasure;
import dev.faultline.engine.measure.StateMeasure;
import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;

/**
 * Hand-made results of scenario {@code worker-crash} on topology {@code support-desk} (rabbitmq, postgres, worker,
 * orchestrator), with probes {@code api-ready} and {@code workers-up}. Figures are set directly, in milliseconds;
 * {@link #good()} starts from a run that meets every expectation the tests make.
 */
final class RunResults {
    static final Path REPORT_DIR = Path.of("target/faultline/worker-crash");
    static final List<String> PROBES = List.of("api-ready", "workers-up");

    private final Map<String, FaultMeasure> faults = new LinkedHashMap<>();
    private IntegrityMeasure integrity = new IntegrityMeasure(600, 600, 0, 0, 0, 0, null, List.of(), List.of());
    private List<DegradedService> degraded = List.of();
    private LoadMeasure load = new LoadMeasure(600, 600, 0.0, 20L, 40L, 80L, 20.0);
    private LoadMeasure duringFaults;
    private StateMeasure state = new StateMeasure(List.of());
    private HaltMeasure halt;
    private Verdict verdict = Verdict.PASSED;
    private String reason = "every objective met";

    private RunResults() {
    }

    /** One fault {@code kill-worker}: detected after 300ms, recovered after 4s, 2.5s of outage; every lane alike. */
    static RunResults good() {
        return new RunResults().fault("kill-worker", 300L, 4_000L, 2_500L);
    }

    /** A run whose scenario has no faults at all. */
    static RunResults withoutFaults() {
        return new RunResults();
    }

    /** An injected fault with these figures (null: not detected, not recovered), the same on every probe lane. */
    RunResults fault(String name, Long detectMs, Long recoveryMs, long outageMs) {
        Map<String, ProbeMeasure> probes = new LinkedHashMap<>();
        for (String p : PROBES) {
            String lane = "probe:" + p;
            probes.put(lane, new ProbeMeasure(lane, detectMs, recoveryMs, recoveryMs != null, outageMs));
        }
        faults.put(name, new FaultMeasure(name, "agent-crash", "worker[0]", true, 10_000, 10_000, detectMs,
                recoveryMs, recoveryMs != null, recoveryMs == null ? null : 10_000 + recoveryMs, outageMs, probes,
                null));
        return this;
    }

    /** An injected fault with these figures and bounds, the same on every probe lane. */
    RunResults faultWithBounds(String name, long detectMs, long detectBoundMs, long recoveryMs, long recoveryBoundMs,
                               long outageMs, long outageBoundMs) {
        Map<String, ProbeMeasure> probes = new LinkedHashMap<>();
        for (String p : PROBES) {
            String lane = "probe:" + p;
            probes.put(lane, new ProbeMeasure(lane, detectMs, recoveryMs, true, outageMs, detectBoundMs,
                    recoveryBoundMs, outageBoundMs));
        }
        faults.put(name, new FaultMeasure(name, "agent-crash", "worker[0]", true, 10_000, 10_000, detectMs,
                recoveryMs, true, 10_000 + recoveryMs, outageMs, probes, null, detectBoundMs, recoveryBoundMs,
                outageBoundMs));
        return this;
    }

    /** A fault of the scenario that was never injected (no figures). */
    RunResults neverInjected(String name) {
        faults.put(name, new FaultMeasure(name, "agent-crash", "worker[0]", false, -1, -1, null, null, false, null,
                null, Map.of(), null));
        return this;
    }

    /** Replaces one probe lane's figures of an injected fault. */
    RunResults probe(String fault, String probe, Long detectMs, Long recoveryMs, long outageMs) {
        FaultMeasure f = faults.get(fault);
        Map<String, ProbeMeasure> probes = new LinkedHashMap<>(f.probes());
        probes.put("probe:" + probe, new ProbeMeasure("probe:" + probe, detectMs, recoveryMs, recoveryMs != null,
                outageMs));
        faults.put(fault, new FaultMeasure(f.name(), f.type(), f.target(), f.injected(), f.injectedAt(),
                f.revertedAt(), f.timeToDetectMs(), f.recoveryMs(), f.recovered(), f.recoveredAt(), f.outageMs(),
                probes, f.load()));
        return this;
    }

    RunResults lost(String... ids) {
        integrity = new IntegrityMeasure(600, 600 - ids.length, ids.length, integrity.duplicated(), 0,
                integrity.rpoMs(), null, List.of(ids), integrity.duplicatedIds());
        return this;
    }

    /** {@code count} lost items of which only the first ids are listed (as the measurements list at most 100). */
    RunResults lostCount(long count, String... listedIds) {
        integrity = new IntegrityMeasure(600, 600 - count, count, integrity.duplicated(), 0, integrity.rpoMs(), null,
                List.of(listedIds), integrity.duplicatedIds());
        return this;
    }

    RunResults duplicated(String... ids) {
        integrity = new IntegrityMeasure(600, 600 - integrity.lost(), integrity.lost(), ids.length, 0,
                integrity.rpoMs(), null, integrity.lostIds(), List.of(ids));
        return this;
    }

    RunResults rpoMs(long rpoMs) {
        integrity = new IntegrityMeasure(600, integrity.completed(), integrity.lost(), integrity.duplicated(), 0, rpoMs,
                null, integrity.lostIds(), integrity.duplicatedIds());
        return this;
    }

    /** Degraded services, in the order given, each as {@code service, firstFailureAtMs, cascadeDepth}. */
    RunResults degraded(DegradedService... services) {
        degraded = List.of(services);
        return this;
    }

    static DegradedService service(String name, long firstFailureAt, Integer depth) {
        return new DegradedService(name, firstFailureAt, depth);
    }

    RunResults load(long sent, long accepted, Long p99Ms, double throughputPerSec) {
        double errorRate = sent == 0 ? 0.0 : (double) (sent - accepted) / sent;
        load = new LoadMeasure(sent, accepted, errorRate, p99Ms == null ? null : 20L, p99Ms == null ? null : 40L,
                p99Ms, throughputPerSec);
        return this;
    }

    RunResults duringFaults(long sent, long accepted, Long p99Ms) {
        double errorRate = sent == 0 ? 0.0 : (double) (sent - accepted) / sent;
        duringFaults = new LoadMeasure(sent, accepted, errorRate, p99Ms, p99Ms, p99Ms, 10.0);
        return this;
    }

    /** One service's state report: {@code disagreements} empty when it agrees. */
    RunResults state(String service, String... disagreements) {
        List<StateMeasure.ServiceState> services = new ArrayList<>(state.services());
        services.add(new StateMeasure.ServiceState(service, Map.of("pending", 0L),
                Map.of("pending", new StateMeasure.Range(0, 0)), Map.of(), List.of(disagreements)));
        state = new StateMeasure(services);
        return this;
    }

    RunResults halted(long revertLatencyMs) {
        halt = new HaltMeasure("api-ready", "halt-when: probe api-ready failing for 3s (limit 3s)", 20_000,
                20_000 + revertLatencyMs, revertLatencyMs, List.of("kill-worker"));
        return this;
    }

    RunResults verdict(Verdict verdict, String reason) {
        this.verdict = verdict;
        this.reason = reason;
        return this;
    }

    RunResult build() {
        Integer depth = degraded.stream().map(DegradedService::cascadeDepth).filter(d -> d != null)
                .max(Integer::compare).orElse(null);
        ContainmentMeasure containment = new ContainmentMeasure(
                degraded.stream().map(DegradedService::service).toList(), depth, degraded,
                degraded.isEmpty() ? -1 : 10_000, degraded.isEmpty() ? -1 : 14_000, targets());
        Measurements measurements = new Measurements(new ArrayList<>(faults.values()), integrity, containment, load,
                duringFaults, state, halt);
        return new RunResult(record(), measurements, List.of(), verdict, reason, Instant.EPOCH, REPORT_DIR);
    }

    /** The services the injected faults targeted. */
    private List<String> targets() {
        return faults.values().stream().filter(FaultMeasure::injected).map(f -> f.target().replaceAll("\\[.*", ""))
                .distinct().toList();
    }

    private static RunRecord record() {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("rabbitmq", service("rabbitmq", Role.BROKER, 1, List.of()));
        services.put("postgres", service("postgres", Role.STORE, 1, List.of()));
        services.put("worker", service("worker", Role.AGENT, 2, List.of("rabbitmq", "postgres")));
        services.put("orchestrator", service("orchestrator", Role.AGENT, 1, List.of("worker")));
        Topology topology = new Topology("support-desk", services, List.of());
        List<Probe> probes = List.of(
                new Probe("api-ready", new Endpoint(Target.all("orchestrator"), 8080, "/ready"), 200,
                        Duration.ofMillis(500)),
                new Probe("workers-up", new Endpoint(Target.all("worker"), 8080, "/health"), 200,
                        Duration.ofMillis(500)));
        Scenario scenario = new Scenario("worker-crash", null, null, topology, 7, null, probes, null, List.of(),
                List.of(), List.of());
        Map<String, List<String>> instances = new LinkedHashMap<>();
        services.values().forEach(s -> instances.put(s.name(), s.instanceNames()));
        return new RunRecord(scenario, "worker-crash-run1", Instant.EPOCH, new Timeline(0), new Ledger(), List.of(),
                instances, 0, 30_000, 60_000);
    }

    private static ServiceSpec service(String name, Role role, int replicas, List<String> dependsOn) {
        return new ServiceSpec(name, "faultline/" + name, role, replicas, Map.of(), List.of(8080), null, dependsOn,
                null, null);
    }
}
