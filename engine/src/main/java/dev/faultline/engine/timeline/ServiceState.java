package dev.faultline.engine.timeline;

/** What happened to one container instance (a {@link TimelineEvent.ServiceChange}). */
public enum ServiceState {
    /** Docker started it (again). */
    STARTED,
    /** Docker paused it. */
    PAUSED,
    /** Docker unpaused it. */
    UNPAUSED,
    /** Its process ended; the detail gives the exit code. */
    DIED,
    /** The harness started it again, as its service's {@code restart} policy says. */
    RESTARTED,
    /** Starting it again failed; the detail says why. */
    RESTART_FAILED,
    /** Its service was scaled down by one ({@code restart.strategy: scale-down}): it stays down, nothing replaces it. */
    RETIRED;

    /** As written in {@code timeline.jsonl} and printed: {@code restart-failed}. */
    public String wire() {
        return Wire.text(this);
    }

    /** The state written as {@code text}; {@link IllegalArgumentException} naming every state if there is none. */
    public static ServiceState fromWire(String text) {
        return Wire.parse(ServiceState.class, values(), ServiceState::wire, text);
    }

    @Override
    public String toString() {
        return wire();
    }
}
