package dev.faultline.engine.drill;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}), read in a time zone.
 *
 * <p>Each field is {@code *} or a comma-separated list of items; an item is a value, a range {@code a-b}, or either of
 * those or {@code *} with a step (<code>*&#47;15</code>, {@code 9-17/2}; {@code a/n} means {@code a} up to the field's last
 * value). Months may be named {@code jan}..{@code dec}, days of the week {@code sun}..{@code sat} (either case);
 * day-of-week 0 and 7 are both Sunday. As in Vixie cron, when both day-of-month and day-of-week are restricted (neither
 * starts with {@code *}), a day matches if <em>either</em> matches; otherwise it must match both.
 *
 * <p>Daylight-saving changes: the expression names local times, and each names at most one instant.
 * <ul>
 *   <li>A local time in a gap (spring forward, e.g. 02:30 on 2026-03-29 in Europe/Berlin) runs once, at the first
 *       instant after the gap (03:00 CEST). Several such times in one gap run once between them.</li>
 *   <li>A local time in an overlap (fall back, e.g. 02:30 on 2026-10-25 in Europe/Berlin) runs once, at the earlier
 *       offset (02:30 CEST); the repeated hour (02:30 CET) is not a time of the expression.</li>
 * </ul>
 */
public final class Cron {
    /** How far {@link #next} looks ahead: every date and day of the week recurs within a Gregorian cycle. */
    private static final int SEARCH_YEARS = 401;
    private static final String FIELDS = "minute hour day-of-month month day-of-week";
    private static final int MAX_QUOTED = 40;
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    /** Vixie cron's rule: both day fields restricted → a day matches if either does. */
    private final boolean eitherDay;

    private Cron(String text, long[] fields, boolean eitherDay) {
        this.text = text;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        long dow = fields[4];
        this.daysOfWeek = (dow & (1L << 7)) != 0 ? (dow | 1L) & ~(1L << 7) : dow;
        this.eitherDay = eitherDay;
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} says what was expected and what was found. */
    public static Cron parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (parts.length != Field.values().length) {
            throw new IllegalArgumentException("expected 5 fields (" + FIELDS + ") but found " + parts.length
                    + " in " + quote(trimmed));
        }
        long[] fields = new long[parts.length];
        for (Field field : Field.values()) {
            fields[field.ordinal()] = field.parse(parts[field.ordinal()]);
        }
        boolean eitherDay = !parts[2].startsWith("*") && !parts[4].startsWith("*");
        if (!eitherDay && !anyDayExists(fields[2], fields[3])) {
            throw new IllegalArgumentException("day-of-month: expected a day that occurs in one of the months "
                    + quote(parts[3]) + " but was " + quote(parts[2]));
        }
        return new Cron(trimmed, fields, eitherDay);
    }

    public String text() {
        return text;
    }

    /**
     * The first time strictly after {@code after} that the expression names, in {@code after}'s zone (daylight-saving
     * changes as the class says).
     */
    public ZonedDateTime next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        Instant afterInstant = after.toInstant();
        LocalDateTime start = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        LocalDate date = start.toLocalDate();
        LocalDate limit = date.plusYears(SEARCH_YEARS);
        while (!date.isAfter(limit)) {
            if (!has(months, date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                continue;
            }
            if (matchesDay(date)) {
                boolean firstDay = date.equals(start.toLocalDate());
                for (int hour = firstDay ? start.getHour() : 0; hour < 24; hour++) {
                    if (!has(hours, hour)) {
                        continue;
                    }
                    boolean firstHour = firstDay && hour == start.getHour();
                    for (int minute = firstHour ? start.getMinute() : 0; minute < 60; minute++) {
                        if (!has(minutes, minute)) {
                            continue;
                        }
                        ZonedDateTime time = earliestAt(date.atTime(hour, minute), zone);

                        if (time.toInstant().isAfter(afterInstant)) {
                            return time;
                        }
                    }
                }
            }
            date = date.plusDays(1);
        }
        throw new IllegalStateException("cron " + quote(text) + " names no time in " + SEARCH_YEARS
                + " years after " + after);
    }

    /**
     * The first instant whose local time in {@code zone} is {@code local} or, when {@code local} is in a gap, the
     * instant the gap ends; in an overlap, the earlier offset. The rule of the class, shared with {@link Schedule}.
     */
    static ZonedDateTime earliestAt(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return ZonedDateTime.ofInstant(gap.getInstant(), zone);
        }
        return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
    }

    private boolean matchesDay(LocalDate date) {
        boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
        boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        return eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private static boolean anyDayExists(long daysOfMonth, long months) {
        for (Month month : Month.values()) {
            if (has(months, month.getValue()) && Long.numberOfTrailingZeros(daysOfMonth) <= month.maxLength()) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(long set, int value) {
        return (set & (1L << value)) != 0;
    }

    /** A user's value in quotes, cut to a short excerpt, control characters shown as {@code ?}. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        StringBuilder out = new StringBuilder("'");
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.append('\'').toString();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cron cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The five fields: their names, ranges and value names. */
    private enum Field {
        MINUTE("minute", 0, 59, List.of()),
        HOUR("hour", 0, 23, List.of()),
        DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
        MONTH("month", 1, 12, MONTHS),
        DAY_OF_WEEK("day-of-week", 0, 7, DAYS);

        private final String label;
        private final int min;
        private final int max;
        private final List<String> names;

        Field(String label, int min, int max, List<String> names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }

        /** The field's values as a bit set (bit {@code v} set for value {@code v}). */
        long parse(String field) {
            long set = 0;
            for (String item : field.split(",", -1)) {
                set |= item(item);
            }
            return set;
        }

        private long item(String item) {
            String[] stepped = item.split("/", -1);
            if (stepped.length > 2) {
                throw problem("expected at most one step '/n' but was " + quote(item));
            }
            int step = 1;
            if (stepped.length == 2) {
                step = step(stepped[1]);
            }
            String base = stepped[0];
            int low;
            int high;
            if (base.equals("*")) {
                low = min;
                high = max;
            } else if (base.contains("-")) {
                String[] range = base.split("-", -1);
                if (range.length != 2) {
                    throw problem("expected a value or a range a-b but was " + quote(base));
                }
                low = value(range[0]);
                high = value(range[1]);
                if (low > high) {
                    throw problem("expected a range whose start is not after its end but was " + quote(base));
                }
            } else {
                low = value(base);
                high = stepped.length == 2 ? max : low;
            }
            long set = 0;
            for (int v = low; v <= high; v += step) {
                set |= 1L << v;
            }
            return set;
        }

        private int step(String text) {
            int step = number(text);
            if (step < 1 || step > max) {
                throw problem("expected a step from 1 to " + max + " after '/' but was " + quote(text));
            }
            return step;
        }

        private int value(String text) {
            int index = names.indexOf(text.toLowerCase(Locale.ROOT));
            if (index >= 0) {
                return names == MONTHS ? index + 1 : index;
            }
            int value = number(text);
            if (value < min || value > max) {
                throw problem("expected " + expectedValue() + " but was " + quote(text));
            }
            return value;
        }

        private int number(String text) {
            if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            return Integer.parseInt(text);
        }

        private String expectedValue() {
            String range = "a number from " + min + " to " + max;
            if (this == DAY_OF_WEEK) {
                return range + " (0 and 7 are Sunday) or a name sun..sat";
            }
            return names.isEmpty() ? range : range + " or a name jan..dec";
        }

        private IllegalArgumentException problem(String message) {
            return new IllegalArgumentException(label + ": " + message);
        }
    }
}
