package dev.faultline.api;

import java.util.Objects;

/**
 * Where a fault acts: a service ({@code worker}), one or some of its replicas ({@code worker[0]},
 * {@code worker[random]}, {@code worker[50%]}) or the link from a client to a server ({@code worker->rabbitmq}).
 * Made by {@link Targets}; immutable. Names are checked against the topology when the scenario is built.
 *
 * <pre>{@code
 * Faults.agentCrash(Signal.KILL).on(Targets.service("worker").instance(0))
 * }</pre>
 */
public final class FaultTarget {
    private final String text;

    FaultTarget(String text) {
        this.text = Objects.requireNonNull(text, "target");
    }

    /** As the scenario format writes it: {@code worker[0]}, {@code worker->rabbitmq}. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultTarget other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
