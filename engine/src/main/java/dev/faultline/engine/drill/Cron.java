package dev.faultline.engine.drill;

import java.time.ZonedDateTime;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}), read in a time zone.
 * TODO(schedule helper): parser, next time, DST rule.
 */
public final class Cron {
    private final String text;

    private Cron(String text) {
        this.text = text;
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} says what was expected and what was found. */
    public static Cron parse(String text) {
        return new Cron(text);
    }

    public String text() {
        return text;
    }

    /** The first time strictly after {@code after} that the expression names, in {@code after}'s zone. */
    public ZonedDateTime next(ZonedDateTime after) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public String toString() {
        return text;
    }
}
