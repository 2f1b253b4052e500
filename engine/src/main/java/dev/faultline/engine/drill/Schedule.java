package dev.faultline.engine.drill;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code schedule:} of a drill file: the cron expression read in {@code zone}, the window the drill may run in, the
 * least time between two drills ({@code min-interval}, null: none), and what to do with times missed while no
 * scheduler ran.
 *
 * <p>A drill time is a time of the cron expression (daylight-saving changes as {@link Cron} says) that the window
 * allows and that is at least {@code min-interval} after the drill before it (counted from the start of the minute
 * that drill started in, so a drill started a moment after its time does not push the next one out). The window must
 * allow some time of the expression.

 */
public record Schedule(Cron cron, ZoneId zone, Window window, Duration minInterval, Missed missed) {
    /** How far {@link #next} looks ahead for a drill time: every date and day of the week recurs in 400 years. */
    private static final int SEARCH_YEARS = 401;
    private static final Instant CHECKED_FROM = Instant.parse("2000-01-01T00:00:00Z");

    public Schedule {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "time-zone");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(missed, "missed");
        if (minInterval != null && (minInterval.isNegative() || minInterval.isZero())) {
            throw new IllegalArgumentException("min-interval must be positive, but was " + minInterval);
        }
        if (search(cron, zone, window, null, CHECKED_FROM, null, 1).isEmpty()) {
            throw new IllegalArgumentException("window: expected a window that allows some time of cron "
                    + Cron.quote(cron.text()) + " but was " + window);
        }
    }

    /**
     * The next {@code count} drill times strictly after {@code after}, in the drill's zone: times of the cron
     * expression that the window allows, each at least {@code min-interval} after the drill before it (the one
     * started at {@code lastDrill}, null if none, then the time planned before it).
     */
    public List<ZonedDateTime> next(Instant after, Instant lastDrill, int count) {
        Objects.requireNonNull(after, "after");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, but was " + count);
        }
        return search(cron, zone, window, minInterval, after, lastDrill, count);
    }

    /** Why {@code time}, a time of the cron expression, is not a drill time after a drill at {@code lastDrill}. */
    public String notADrillTime(ZonedDateTime time, Instant lastDrill) {
        if (!window.allows(time)) {
            return "outside the window (" + window + ")";
        }
        if (tooSoon(time.toInstant(), lastDrill, minInterval)) {
            return "within min-interval " + shown(minInterval) + " of the drill before";
        }
        return null;
    }

    private static List<ZonedDateTime> search(Cron cron, ZoneId zone, Window window, Duration minInterval,
                                              Instant after, Instant lastDrill, int count) {
        List<ZonedDateTime> times = new ArrayList<>(count);
        Instant horizon = after.atOffset(ZoneOffset.UTC).plusYears(SEARCH_YEARS).toInstant();
        ZonedDateTime cursor = after.atZone(zone);
        Instant previous = lastDrill;
        while (times.size() < count) {
            ZonedDateTime time = cron.next(cursor);
            if (time.toInstant().isAfter(horizon)) {
                break;
            }
            ZonedDateTime skipTo;
            if (!window.allows(time)) {
                skipTo = Cron.earliestAt(window.opensAtOrAfter(time.toLocalDateTime()), zone).minusNanos(1);
            } else if (tooSoon(time.toInstant(), previous, minInterval)) {
                skipTo = previous.plus(minInterval).minusNanos(1).atZone(zone);
            } else {
                times.add(time);
                previous = time.toInstant();
                skipTo = time;
            }
            cursor = skipTo.isAfter(time) ? skipTo : time;
        }
        return List.copyOf(times);
    }

    private static String shown(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toSeconds() % 3_600 == 0 && duration.getNano() == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0 && duration.getNano() == 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toMillis() + "ms";
    }

    private static boolean tooSoon(Instant time, Instant previous, Duration minInterval) {
        return previous != null && minInterval != null
                && time.isBefore(previous.truncatedTo(ChronoUnit.MINUTES).plus(minInterval));
    }

    /** {@code missed: run-once} (the latest missed time runs once, as soon as the scheduler is up) or {@code skip}. */
    public enum Missed {
        RUN_ONCE, SKIP
    }
}
