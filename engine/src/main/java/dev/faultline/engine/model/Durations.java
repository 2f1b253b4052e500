package dev.faultline.engine.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How every module writes a duration for people: the summary table, assertion messages, objective checks, reports,
 * fault descriptions and errors. Two forms, one rule each:
 * <ul>
 * <li>{@link #figure} for what a run measured: {@code 0s}, {@code 850ms} below a second, else seconds rounded to
 * two decimals: {@code 3.28s}, {@code 15s};</li>
 * <li>{@link #text} for a configured value, exactly as the scenario format writes it (so it reads back to the same
 * duration): {@code 0s}, {@code 250ms}, {@code 1500ms}, {@code 10s}, {@code 2m}, {@code 0.5ms}.</li>
 * </ul>
 */
public final class Durations {
    private static final long SECOND_MS = 1_000;
    private static final long MINUTE_MS = 60_000;
    private static final long NANOS_PER_MS = 1_000_000;

    private Durations() {
    }

    /** A measured figure in milliseconds: {@code 0s}, {@code 80ms}, {@code -850ms}, {@code 3.28s}, {@code 15s}. */
    public static String figure(long ms) {
        if (ms == 0) {
            return "0s";
        }
        if (Math.abs(ms) < SECOND_MS) {
            return ms + "ms";
        }
        BigDecimal seconds = BigDecimal.valueOf(ms).movePointLeft(3).setScale(2, RoundingMode.HALF_UP);
        return plain(seconds) + "s";
    }

    /**
     * A measured figure with its bound, {@code 2.55s ± 40ms}: the true value lies within plus or minus the bound of
     * the figure. Without a bound (null: not known), the figure alone. The one way every report and message writes it.
     */
    public static String figure(long ms, Long boundMs) {
        if (boundMs == null) {
            return figure(ms);
        }
        return figure(ms) + " \u00b1 " + (boundMs == 0 ? "0ms" : figure(boundMs));
    }

    /** {@link #figure(long)} of a duration, to the millisecond. */
    public static String figure(Duration d) {
        return figure(d.toMillis());
    }

    /**
     * A configured duration as the scenario format writes it: whole minutes as {@code 2m}, whole seconds as
     * {@code 10s}, else milliseconds ({@code 1500ms}, {@code 0.5ms}); zero is {@code 0s}.
     */
    public static String text(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanos() % NANOS_PER_MS != 0) {
            return plain(BigDecimal.valueOf(d.toNanos()).movePointLeft(6)) + "ms";
        }
        long ms = d.toMillis();
        if (ms % MINUTE_MS == 0) {
            return ms / MINUTE_MS + "m";
        }
        if (ms % SECOND_MS == 0) {
            return ms / SECOND_MS + "s";
        }
        return ms + "ms";
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }
}
