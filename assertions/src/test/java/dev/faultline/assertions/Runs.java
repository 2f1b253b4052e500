package dev.faultline.assertions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.measure.Measurements;
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
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Synthetic runs on topology {@code support-desk}: {@code worker} (2 replicas) depends on {@code rabbitmq} and
 * {@code postgres}, {@code orchestrator} depends on {@code worker}. One probe {@code api} on the orchestrator.
 */
final class Runs {
    static final Topology SUPPORT_DESK = supportDesk(false);
    /** The same, with the agents (worker, orchestrator) declaring a state endpoint. */
    static final Topology SUPPORT_DESK_WITH_STATE = supportDesk(true);

    /** The same, with a link {@code worker -> rabbitmq:5672} (a fault proxy in front of rabbitmq). */
    static final Topology SUPPORT_DESK_LINKED = new Topology("support-desk", SUPPORT_DESK.services(),
            List.of(new dev.faultline.engine.model.Link("worker", "rabbitmq", 5672)));

    private final Timeline timeline = new Timeline(0);
    private final Ledger ledger = new Ledger();
    private final List<FaultWindow> faults = new ArrayList<>();
    private final List<Objective> objectives = new ArrayList<>();
    private long loadStart = -1;
    private long loadEnd = -1;

    private Topology topology = SUPPORT_DESK;

    private static Topology supportDesk(boolean state) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("rabbitmq", service("rabbitmq", Role.BROKER, 1, List.of(), false));
        services.put("postgres", service("postgres", Role.STORE, 1, List.of(), false));
        services.put("worker", service("worker", Role.AGENT, 2, List.of("rabbitmq", "postgres"), state));
        services.put("orchestrator", service("orchestrator", Role.AGENT, 1, List.of("worker"), state));
        return new Topology("support-desk", services, List.of());
    }

    private static ServiceSpec service(String name, Role role, int replicas, List<String> dependsOn, boolean state) {
        return new ServiceSpec(name, "faultline/" + name, role, replicas, Map.of(), List.of(8080), null, dependsOn,
                null, null, state ? new dev.faultline.engine.model.HealthCheck("/state", 8080) : null);
    }

    /** An instance's state report after recovery ({@code key, value, ...}); the agents declare state endpoints. */
    Runs state(String instance, Object... keysAndValues) {
        topology = SUPPORT_DESK_WITH_STATE;
        Map<String, Long> figures = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            figures.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).longValue());
        }
        timeline.record(new TimelineEvent.StateReport(60_000, instance, figures, null));
        return this;
    }

    /** The fault proxy in front of {@code service} had accepted {@code accepted} connections at {@code t}. */
    Runs connections(String service, long t, long accepted) {
        topology = SUPPORT_DESK_LINKED;
        timeline.record(new TimelineEvent.Connections(t, service, accepted, 1));
        return this;
    }

    /** Probe {@code api}: one sample per character ({@code +} passes, {@code -} fails) every 100ms from 0. */
    Runs api(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            sample("probe:api", i * 100L, pattern.charAt(i) == '+');
        }
        return this;
    }

    Runs sample(String lane, long t, boolean ok) {
        timeline.record(new TimelineEvent.Sample(t, Lane.parse(lane), ok, ok ? 200 : 503, 0, ""));
        return this;
    }

    Runs crash(String name, String target, long at) {
        faults.add(new FaultWindow(spec(name, target, null), List.of(target), at, at, true, null));
        return this;
    }

    Runs window(String name, String target, long injectedAt, long revertedAt) {
        faults.add(new FaultWindow(spec(name, target, Duration.ofMillis(revertedAt - injectedAt)), List.of(target),
                injectedAt, revertedAt, false, null));
        return this;
    }

    /** {@code count} items accepted at {@code at} with {@code latencyMs}, each completed {@code completions} times. */
    Runs items(String prefix, int count, long at, long latencyMs, int status, int completions) {
        for (int n = 0; n < count; n++) {
            String id = prefix + "-" + n;
            ledger.submitted(id, at - latencyMs);
            ledger.answered(id, at, status, null);
            if (completions > 0) {
                ledger.completions(Map.of(id, completions), at + 50);
            }
        }
        return this;
    }

    /**
     * One item submitted at {@code submittedAt}, answered {@code status} at {@code answeredAt}, first seen completed
     * at {@code completedAt} (-1: never).
     */
    Runs item(String id, long submittedAt, long answeredAt, int status, long completedAt) {
        ledger.submitted(id, submittedAt);
        ledger.answered(id, answeredAt, status, null);
        if (completedAt >= 0) {
            ledger.completions(Map.of(id, 1), completedAt);
        }
        return this;
    }

    Runs load(long start, long end) {
        loadStart = start;
        loadEnd = end;
        return this;
    }

    Runs objective(Objective objective) {
        objectives.add(objective);
        return this;
    }

    /**
     * The objective's checks on {@code run}, judged on figures measured as the runner does: with the objective's
     * stable-for when it states one, else the scenario's.
     */
    static List<Objective.Check> evaluate(Objective objective, RunRecord run) {
        Duration stableFor = objective instanceof StabilityRequirement r ? r.stableFor()
                : StabilityRequirement.resolve(run.scenario());
        return objective.evaluate(run, Measurements.of(run, stableFor));
    }

    RunRecord run() {
        Probe api = new Probe("api", new Endpoint(Target.all("orchestrator"), 8080, "/ready"), 200,
                Duration.ofMillis(500));
        Scenario scenario = new Scenario("objective-test", null, null, topology, 7, null, List.of(api), null,
                faults.stream().map(FaultWindow::spec).toList(), objectives, List.of());
        Map<String, List<String>> instances = new LinkedHashMap<>();
        topology.services().values().forEach(s -> instances.put(s.name(), s.instanceNames()));
        return new RunRecord(scenario, "run-1", Instant.EPOCH, timeline, ledger, faults, instances, loadStart, loadEnd,
                -1);
    }

    private static FaultSpec spec(String name, String target, Duration duration) {
        return new FaultSpec(name, duration == null ? "agent-crash" : "broker-outage",
                Target.parse(target.replaceAll("-(\\d+)$", "[$1]")), Duration.ZERO, duration, new Fault() {
                    @Override
                    public Handle handle(FaultContext context) {
                        throw new AssertionError("a recorded run's faults are not applied again");
                    }

                    @Override
                    public String describe() {
                        return "test fault";
                    }
                });
    }
}
