package dev.faultline.engine.timeline;

/**
 * One line of {@code timeline.jsonl}. {@code t} is milliseconds since the run started (monotonic clock).
 */
public sealed interface TimelineEvent {
    long t();

    /** One probe or health sample. {@code lane} is {@code probe:<name>} or {@code health:<instance>}. */
    record Sample(long t, String lane, boolean ok, int status, long latencyMs, String detail) implements TimelineEvent {
    }

    /** A run phase began: starting, steady-state, load, drain, evaluating, stopping. */
    record Phase(long t, String phase) implements TimelineEvent {
    }

    /** A fault changed state: injected, verified, reverted, failed. */
    record FaultChange(long t, String fault, String change, String detail) implements TimelineEvent {
    }

    /** A container died, was restarted, became healthy... */
    record ServiceChange(long t, String instance, String change, String detail) implements TimelineEvent {
    }

    /** Free text worth keeping (a halt, a warning). */
    record Note(long t, String message) implements TimelineEvent {
    }
}
