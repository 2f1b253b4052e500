package dev.faultline.engine.spi;

/**
 * One fault, configured at load time and free of side effects until {@link #apply}. The runner calls
 * {@code apply}, then {@code verify} (ERROR if it did not take), and {@code revert} at the fault's end and again
 * at the end of the run whatever happened: {@code revert} must be idempotent and safe when {@code apply} failed
 * half-way.
 */
public interface Fault {
    void apply(FaultContext context) throws Exception;

    /** Whether the fault has taken effect; an explanation when it has not. */
    Verification verify(FaultContext context) throws Exception;

    void revert(FaultContext context) throws Exception;

    /** A crash happens at an instant: recovery counts from injection, not from a window's end. */
    default boolean instantaneous() {
        return false;
    }

    /** What this fault's {@code target:} may name; checked when the scenario is loaded. */
    default Reach reach() {
        return Reach.INSTANCES;
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

    record Verification(boolean tookEffect, String detail) {
        public static Verification ok(String detail) {
            return new Verification(true, detail);
        }

        public static Verification failed(String detail) {
            return new Verification(false, detail);
        }
    }
}
