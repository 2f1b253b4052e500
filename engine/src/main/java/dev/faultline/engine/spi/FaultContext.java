package dev.faultline.engine.spi;

import java.util.List;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/** What a fault may touch while it runs: its targets, the containers, the timeline. */
public interface FaultContext {
    FaultSpec spec();

    /**
     * The container instances the fault's target resolved to (seeded choice for {@code [random]}); for a link
     * target ({@code worker[0]->rabbitmq}) these are the link's client instances.
     */
    List<String> targetInstances();

    ContainerControl containers();

    /** The service the target's instances belong to, as the topology declares it (limits, ports, environment). */
    default ServiceSpec service() {
        throw new UnsupportedOperationException("this fault context knows no topology");
    }

    /**
     * The whole topology the run started: the services a fault reaches through its target's service (the broker a
     * worker consumes from, the store an agent keeps its checkpoints in).
     */
    default Topology topology() {
        throw new UnsupportedOperationException("this fault context knows no topology");
    }

    /** The fault proxies on the topology's links (network faults, stream corruption, disconnects). */
    default LinkControl links() {
        return LinkControl.none();
    }

    /** A seed for this fault's own random choices: the same scenario seed gives the same choices. */
    default long seed() {
        return 0L;
    }

    /** Notes something on the timeline (shown in reports). */
    void note(String message);

    /**
     * Tells the run that the fault acts on its targets again after its injection ({@code agent-crash} with
     * {@code repeat} crashing them once more); {@code detail} says how. Call it as the fault acts, before its targets
     * can begin to recover. The engine records it on the timeline (a fault change {@code acted-again}) and counts an
     * instantaneous fault's recovery from the last time it acted, not from its injection; its load window and its
     * time to detect still count from the injection. A context without a timeline only notes {@code detail}.
     */
    default void actedAgain(String detail) {
        note(detail);
    }
}
