package dev.faultline.engine.drill;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code schedule.window:} the days of the week and the hours (local to the drill's zone, {@code from} inclusive,
 * {@code until} exclusive) a drill may start in. A cron time outside the window is not a drill time.
 */
public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime until) {
    public static final Window ALWAYS = new Window(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX);

    public Window {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("window.days: at least one day is needed");
        }
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("window.hours: the start must be before the end, but was "
                    + from + "-" + until);
        }
    }

    /** Whether a drill may start at {@code time}. */
    public boolean allows(ZonedDateTime time) {
        LocalTime t = time.toLocalTime();
        return days.contains(time.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(until);
    }

    /** The first local time at or after {@code time} that the window allows. */
    public LocalDateTime opensAtOrAfter(LocalDateTime time) {
        LocalTime t = time.toLocalTime();
        if (days.contains(time.getDayOfWeek()) && t.isBefore(until)) {
            return t.isBefore(from) ? time.with(from) : time;
        }
        LocalDateTime day = time.toLocalDate().plusDays(1).atTime(from);
        while (!days.contains(day.getDayOfWeek())) {
            day = day.plusDays(1);
        }
        return day;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("days ");
        for (DayOfWeek day : DayOfWeek.values()) {
            if (days.contains(day)) {
                out.append(out.length() > "days ".length() ? ", " : "")
                        .append(day.name().substring(0, 3).toLowerCase(Locale.ROOT));
            }
        }
        return out.append(", hours ").append(from).append('-').append(until.equals(LocalTime.MAX) ? "24:00" : until)
                .toString();
    }
}
