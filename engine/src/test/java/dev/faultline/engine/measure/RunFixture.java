package dev.faultline.engine.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Builds synthetic runs for measurement tests. Topology: a chain {@code orchestrator -> worker (2 replicas) ->
 * postgres} along depends-on, plus {@code audit} that depends on nothing.
 */
final class RunFixture {
    final Timeline timeline = new Timeline(0);
    final Ledger ledger = new Ledger();
    private final Map<String, String> probes = new LinkedHashMap<>();
    private final List<FaultWindow> faults = new ArrayList<>();
    private final List<dev.faultline.engine.model.HaltCondition> haltWhen = new ArrayList<>();
    private long loadStart = -1;
    private long loadEnd = -1;

    private boolean agentsReportState;

    static Topology chain() {
        return chain(false);
    }

    /** With {@code agentsReportState}, the agents (worker, orchestrator) declare a state endpoint. */
    static Topology chain(boolean agentsReportState) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("postgres", service("postgres", Role.STORE, 1, List.of(), false));
        services.put("worker", service("worker", Role.AGENT, 2, List.of("postgres"), agentsReportState));
        services.put("orchestrator", service("orchestrator", Role.AGENT, 1, List.of("worker"), agentsReportState));
        services.put("audit", service("audit", Role.OTHER, 1, List.of(), false));
        return new Topology("chain", services, List.of());
    }

    private static ServiceSpec service(String name, Role role, int replicas, List<String> dependsOn, boolean state) {
        return new ServiceSpec(name, "faultline/" + name, role, replicas, Map.of(), List.of(8080), null, dependsOn,
                null, null, state ? new dev.faultline.engine.model.HealthCheck("/state", 8080) : null);
    }

    /** The agents declare a state endpoint; {@link #state} records what an instance reported. */
    RunFixture agentsReportState() {
        agentsReportState = true;
        return this;
    }

    RunFixture state(String instance, Map<String, Long> ledgerFigures) {
        timeline.record(new TimelineEvent.StateReport(90_000, instance, ledgerFigures, null));
        return this;
    }

    /** The supervisor's recovery of {@code instance}, dead at {@code diedAt}, back (or not) at {@code t}. */
    RunFixture recovery(String instance, dev.faultline.engine.model.RestartPolicy.Strategy strategy, long diedAt,
                        long t, boolean recovered) {
        if (strategy == dev.faultline.engine.model.RestartPolicy.Strategy.SCALE_DOWN) {
            timeline.record(new TimelineEvent.ServiceChange(diedAt, instance,
                    dev.faultline.engine.timeline.ServiceState.RETIRED, "scaled down"));
        }
        timeline.record(new TimelineEvent.InstanceRecovery(t, instance, strategy, diedAt, recovered, "why"));
        return this;
    }

    RunFixture stateUnreadable(String instance, String why) {
        timeline.record(new TimelineEvent.StateReport(90_000, instance, Map.of(), why));
        return this;
    }

    RunFixture halted(long conditionTrueAt, long lastRevertedAt, String... reverted) {
        timeline.record(new TimelineEvent.Halt(lastRevertedAt, "api", "halt-when: probe api failing", conditionTrueAt,
                lastRevertedAt, List.of(reverted)));
        return this;
    }

    /** Declares a probe {@code probe:<name>} on {@code service}. */
    RunFixture probe(String name, String service) {
        probes.put(name, service);
        return this;
    }

    /** One sample per character ({@code +} passes, {@code -} fails), the first at 0, then every {@code everyMs}. */
    RunFixture lane(String lane, String pattern, long everyMs) {
        for (int i = 0; i < pattern.length(); i++) {
            sample(lane, i * everyMs, pattern.charAt(i) == '+');
        }
        return this;
    }

    /** A sample sent at {@code t} and answered at once. */
    RunFixture sample(String lane, long t, boolean ok) {
        return sample(lane, t, ok, 0);
    }

    /** A sample sent at {@code t} and answered {@code latencyMs} later (for a failure: when it gave up). */
    RunFixture sample(String lane, long t, boolean ok, long latencyMs) {
        timeline.record(new TimelineEvent.Sample(t, Lane.parse(lane), ok, ok ? 200 : 503, latencyMs, ok ? "" : "503"));
        return this;
    }

    /** An extra sample ({@code steady-state.sharpen}) sent at {@code t}. */
    RunFixture extra(String lane, long t, boolean ok, long latencyMs) {
        timeline.record(new TimelineEvent.Sample(t, Lane.parse(lane), ok, ok ? 200 : 503, latencyMs, ok ? "" : "503",
                true));
        return this;
    }

    /** A failing sample sent at {@code t} that got no answer at all (status 0): given up {@code gaveUpAfterMs} later. */
    RunFixture noAnswer(String lane, long t, long gaveUpAfterMs) {
        timeline.record(new TimelineEvent.Sample(t, Lane.parse(lane), false, 0, gaveUpAfterMs, "HttpTimeoutException"));
        return this;
    }

    /** A {@code halt-when} condition of the scenario. */
    RunFixture haltWhen(String probe, Duration failingFor) {
        haltWhen.add(new dev.faultline.engine.model.HaltCondition(probe, failingFor));
        return this;
    }

    RunFixture crash(String name, String target, long injectedAt) {
        faults.add(new FaultWindow(spec(name, "agent-crash", target, null), List.of(target), injectedAt, injectedAt,
                true, null));
        return this;
    }

    /** A crash at {@code injectedAt} that crashed its target again, the last time at {@code lastCrashAt}. */
    RunFixture repeatedCrash(String name, String target, long injectedAt, long lastCrashAt) {
        faults.add(new FaultWindow(spec(name, "agent-crash", target, null), List.of(target), injectedAt, lastCrashAt,
                injectedAt, true, null));
        return this;
    }

    RunFixture window(String name, String target, long injectedAt, long revertedAt) {
        faults.add(new FaultWindow(spec(name, "broker-outage", target, Duration.ofMillis(revertedAt - injectedAt)),
                List.of(target), injectedAt, revertedAt, false, null));
        return this;
    }

    RunFixture neverInjected(String name, String target) {
        faults.add(new FaultWindow(spec(name, "agent-crash", target, null), List.of(), -1, -1, true, "did not take"));
        return this;
    }

    /** An item submitted at {@code answeredAt - latency}, answered with {@code status}, completed {@code n} times. */
    RunFixture item(String id, long answeredAt, long latencyMs, int status, int completions) {
        ledger.submitted(id, answeredAt - latencyMs);
        ledger.answered(id, answeredAt, status, status < 0 ? "java.net.ConnectException: refused" : null);
        if (completions > 0) {
            ledger.completions(Map.of(id, completions), answeredAt + 100);
        }
        return this;
    }

    /** Docker's event for {@code instance} reached the harness at {@code t} (paused, died, ...). */
    RunFixture service(String instance, dev.faultline.engine.timeline.ServiceState change, long t) {
        timeline.record(new TimelineEvent.ServiceChange(t, instance, change, ""));
        return this;
    }

    RunFixture load(long start, long end) {
        loadStart = start;
        loadEnd = end;
        return this;
    }

    RunRecord run() {
        List<Probe> declared = new ArrayList<>();
        probes.forEach((name, service) -> declared.add(
                new Probe(name, new Endpoint(Target.parse(service), 8080, "/ready"), 200, Duration.ofMillis(500))));
        Topology topology = chain(agentsReportState);
        Scenario scenario = new Scenario("measure-test", null, null, topology, 7, null, declared, null,
                faults.stream().map(FaultWindow::spec).toList(), List.of(), haltWhen);
        Map<String, List<String>> instances = new LinkedHashMap<>();
        topology.services().values().forEach(s -> instances.put(s.name(), s.instanceNames()));
        return new RunRecord(scenario, "run-1", Instant.EPOCH, timeline, ledger, faults, instances, loadStart, loadEnd,
                -1);
    }

    Measurements measure(Duration stableFor) {
        return Measurements.of(run(), stableFor);
    }

    private static FaultSpec spec(String name, String type, String target, Duration duration) {
        return new FaultSpec(name, type, Target.parse(target.replaceAll("-(\\d+)$", "[$1]")), Duration.ZERO,
                duration, new NoOpFault());
    }

    private static final class NoOpFault implements Fault {
        @Override
        public Handle handle(FaultContext context) {
            throw new AssertionError("a recorded run's faults are not applied again");
        }

        @Override
        public String describe() {
            return "no-op";
        }
    }
}
