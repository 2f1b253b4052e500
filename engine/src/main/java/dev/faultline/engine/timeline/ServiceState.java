package dev.faultline.engine.timeline;

/** What happened to one container instance (a {@link TimelineEvent.ServiceChange}). */
public enum ServiceState {
    /** Docker started it (again). */
    STARTED("started"),
    /** Docker paused it. */
    PAUSED("paused"),
    /** Docker unpaused it. */
    UNPAUSED("unpaused"),
    /** Its process ended; the detail gives the exit code. */
    DIED("died"),
    /** The harness started it again, as its service's {@code restart} policy says. */
    RESTARTED("restarted"),
    /** Starting it again failed; the detail says why. */
    RESTART_FAILED("restart-failed");

    private final String wire;

    ServiceState(String wire) {
        this.wire = wire;
    }

    /** As written in {@code timeline.jsonl} and printed: {@code restart-failed}. */
    public String wire() {
        return wire;
    }

    /** The state written as {@code text}; {@link IllegalArgumentException} naming every state if there is none. */
    public static ServiceState fromWire(String text) {
        return Wire.parse(ServiceState.class, values(), ServiceState::wire, text);
    }

    @Override
    public String toString() {
        return wire;
    }
}
