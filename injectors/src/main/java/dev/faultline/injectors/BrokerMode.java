package dev.faultline.injectors;

import java.util.Locale;

/** How a {@code broker-outage} takes the broker away. */
public enum BrokerMode {
    /** Stopped gracefully (SIGTERM, then SIGKILL after a grace period), started again at the end. */
    STOP,
    /** Killed (SIGKILL), started again at the end. */
    KILL,
    /** Frozen (all its processes paused), thawed at the end. */
    PAUSE,
    /** Cut off: the fault proxy in front of it closes every connection and refuses new ones, then lets them in again. */
    DISCONNECT;

    /** As written in a scenario: {@code stop}. */
    String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
