package dev.faultline.engine.timeline;

/** What happened to a fault (a {@link TimelineEvent.FaultChange}), in the order a fault that works goes through. */
public enum FaultState {
    /** Applied to its targets. */
    INJECTED,
    /** Seen to be in force on its targets. */
    VERIFIED,
    /**
     * Acted on its targets again after its injection (a repeated crash): an instantaneous fault's recovery counts
     * from the last of these.
     */
    ACTED_AGAIN,
    /** Could not be applied, or was applied but not seen in force. */
    FAILED,
    /** Taken away again. */
    REVERTED,
    /** Taking it away failed (a second attempt follows at the end of the run). */
    REVERT_FAILED;

    /** As written in {@code timeline.jsonl} and printed: {@code revert-failed}. */
    public String wire() {
        return Wire.text(this);
    }

    /** The state written as {@code text}; {@link IllegalArgumentException} naming every state if there is none. */
    public static FaultState fromWire(String text) {
        return Wire.parse(FaultState.class, values(), FaultState::wire, text);
    }

    @Override
    public String toString() {
        return wire();
    }
}
