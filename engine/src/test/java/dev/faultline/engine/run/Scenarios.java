package dev.faultline.engine.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;

/** Small scenarios for the run's tests: one service {@code worker}, its probe {@code api}, the faults given. */
final class Scenarios {
    static final Topology TOPOLOGY = new Topology("one-worker", Map.of("worker", new ServiceSpec("worker",
            "faultline/agent", Role.AGENT, 1, Map.of(), List.of(8080), null, List.of(), null, null)), List.of());
    static final Probe API = new Probe("api", new Endpoint(Target.all("worker"), 8080, "/ready"), 200,
            Duration.ofMillis(500));

    private Scenarios() {
    }

    /** A fault on {@code worker} at {@code atMs} for {@code durationMs} after the load starts. */
    static FaultSpec fault(String name, long atMs, long durationMs, Fault fault) {
        return new FaultSpec(name, "recording", Target.all("worker"), Duration.ofMillis(atMs),
                Duration.ofMillis(durationMs), fault);
    }

    /** Sampling {@code api} every 50 ms, halting when it has failed for {@code haltAfter} (never when null). */
    static Scenario withFaults(List<FaultSpec> faults, Duration haltAfter) {
        return new Scenario("run-test", null, null, TOPOLOGY, 7, Duration.ofMillis(50), List.of(API), null, faults,
                List.of(), haltAfter == null ? List.of() : List.of(new HaltCondition("api", haltAfter)));
    }
}
