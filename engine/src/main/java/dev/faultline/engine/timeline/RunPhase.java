package dev.faultline.engine.timeline;

/**
 * The phases of a run, in the order a run that goes the whole way enters them. A run that stops early (steady state
 * never held, a fault not taken, a halt, a cancel) goes from where it is straight to {@link #STOPPING}.
 */
public enum RunPhase {
    /** Containers and fault proxies are being started. */
    STARTING("starting"),
    /** Waiting until every probe passes. */
    STEADY_STATE("steady-state"),
    /** The load runs and the faults are injected and reverted on their schedule. */
    LOAD("load"),
    /** The load has stopped submitting; waiting for accepted work to complete. */
    DRAIN("drain"),
    /** Waiting until every probe passes again. */
    RECOVERY("recovery"),
    /** Reading what each instance reports about its own state. */
    STATE("state"),
    /** Reverting faults, stopping the load, removing containers. */
    STOPPING("stopping");

    private final String wire;

    RunPhase(String wire) {
        this.wire = wire;
    }

    /** As written in {@code timeline.jsonl} and printed: {@code steady-state}. */
    public String wire() {
        return wire;
    }

    /** The phase written as {@code text}; {@link IllegalArgumentException} naming every phase if there is none. */
    public static RunPhase fromWire(String text) {
        return Wire.parse(RunPhase.class, values(), RunPhase::wire, text);
    }

    @Override
    public String toString() {
        return wire;
    }
}
