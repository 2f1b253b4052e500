package dev.faultline.engine.drill;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * {@code schedule:} of a drill file: the cron expression read in {@code zone}, the window the drill may run in, the
 * least time between two drills ({@code min-interval}, null: none), and what to do with times missed while no
 * scheduler ran.
 */
public record Schedule(Cron cron, ZoneId zone, Window window, Duration minInterval, Missed missed) {
    public Schedule {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "time-zone");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(missed, "missed");
        if (minInterval != null && (minInterval.isNegative() || minInterval.isZero())) {
            throw new IllegalArgumentException("min-interval must be positive, but was " + minInterval);
        }
    }

    /** {@code missed: run-once} (the latest missed time runs once, as soon as the scheduler is up) or {@code skip}. */
    public enum Missed {
        RUN_ONCE, SKIP
    }
}
