package dev.faultline.engine.timeline;

/**
 * The phases of a run, in the order a run that goes the whole way enters them. A run that stops early (steady state
 * never held, a fault not taken, a halt, a cancel) goes from where it is straight to {@link #STOPPING}.
 */
public enum RunPhase {
    /** Containers and fault proxies are being started. */
    STARTING,
    /** Waiting until every probe passes. */
    STEADY_STATE,
    /** The load runs and the faults are injected and reverted on their schedule. */
    LOAD,
    /** The load has stopped submitting; waiting for accepted work to complete. */
    DRAIN,
    /** Waiting until every probe passes again. */
    RECOVERY,
    /** Reading what each instance reports about its own state. */
    STATE,
    /** Reverting faults, stopping the load, removing containers. */
    STOPPING;

    /** As written in {@code timeline.jsonl} and printed: {@code steady-state}. */
    public String wire() {
        return Wire.text(this);
    }

    /** The phase written as {@code text}; {@link IllegalArgumentException} naming every phase if there is none. */
    public static RunPhase fromWire(String text) {
        return Wire.parse(RunPhase.class, values(), RunPhase::wire, text);
    }

    @Override
    public String toString() {
        return wire();
    }
}
