package dev.faultline.engine.spi;

import java.time.Duration;
import java.util.Optional;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/**
 * One fault as configured: its settings only, immutable, so one scenario can run twice, or twice at once. A run
 * gets its own {@link Handle} from {@link #handle}, which holds whatever that run changes (as Toxiproxy keeps a
 * toxic's settings apart from each connection's state).
 */
public interface Fault {
    /** This run's own handle on the fault. No side effects: nothing is touched until {@link Handle#apply}. */
    Handle handle(FaultContext context);

    /**
     * A crash happens at an instant: recovery counts from injection (or from the last time it acted again, see
     * {@link FaultContext#actedAgain}), not from a window's end.
     */
    default boolean instantaneous() {
        return false;
    }

    /**
     * How long after its injection the fault still acts of itself, beyond its {@code duration} (e.g. a crash that
     * repeats); checked against the load's length when the scenario is loaded. Zero by default.
     */
    default Duration span() {
        return Duration.ZERO;
    }

    /** What this fault's {@code target:} may name; checked when the scenario is loaded. */
    default Reach reach() {
        return Reach.INSTANCES;
    }

    /**
     * Why this fault cannot act on the target's service as the topology declares it (e.g. a CPU fault on a service
     * without a CPU limit), checked when the scenario is loaded; empty when it can.
     */
    default Optional<String> unsuitableFor(ServiceSpec service) {
        return Optional.empty();
    }

    /**
     * Why this fault cannot act on the target's service within {@code topology} (e.g. a poison message for a broker
     * no adapter speaks to, a checkpoint in a store the target does not depend on), checked when the scenario is
     * loaded; empty when it can. By default only the service itself is judged ({@link #unsuitableFor}).
     */
    default Optional<String> unsuitableIn(Topology topology, ServiceSpec service) {
        return unsuitableFor(service);
    }

    /**
     * What every container of the target's service ({@code service}, as the topology declares it) needs before it
     * starts for this fault to act later (e.g. a shim preloaded with no effect until {@link Handle#apply}); applied
     * by the topology before the run's first start. Nothing by default.
     */
    default ContainerSetup setup(ServiceSpec service) {
        return ContainerSetup.NONE;
    }

    /** Parameters for reports, e.g. {@code signal=KILL}. */
    String describe();

    /** The kinds of target a fault acts on. */
    enum Reach {
        /** A service's instances ({@code worker}, {@code worker[0]}); not a link. */
        INSTANCES,
        /** A declared link ({@code worker->rabbitmq}), or every declared link into a service ({@code rabbitmq}). */
        LINKS,
        /** A service's instances, which need a fault proxy in front (a declared link into the service). */
        LINKED_SERVICE
    }

    /**
     * One run's fault. The fault driver calls {@code apply}, then {@code verify} (ERROR if it did not take), and
     * {@code revert} at the fault's end and again at the end of the run whatever happened: {@code revert} must be
     * idempotent and safe when {@code apply} failed half-way or never ran.
     */
    interface Handle {
        void apply() throws Exception;

        /** Whether the fault has taken effect; an explanation when it has not. */
        Verification verify() throws Exception;

        void revert() throws Exception;
    }

    record Verification(boolean tookEffect, String detail) {
        public static Verification ok(String detail) {
            return new Verification(true, detail);
        }

        public static Verification failed(String detail) {
            return new Verification(false, detail);
        }
    }
}
