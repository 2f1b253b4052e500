package dev.faultline.engine.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The units of the scenario format: durations {@code 250ms 10s 2m 1h 7d}, sizes {@code 512KB 1MB 512m}, fractions {@code 5%}. */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern FRACTION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private Units() {
    }

    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 250ms, 10s or 2m, but was '" + Excerpt.of(text) + "'");
        }
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    public static long bytes(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size like 512KB, 1MB or 512m, but was '" + Excerpt.of(text) + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Math.round(n * factor);
    }

    /** {@code 5%} is 0.05. */
    public static double fraction(String text) {
        Matcher m = FRACTION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a percentage like 5%, but was '" + Excerpt.of(text) + "'");
        }
        double value = Double.parseDouble(m.group(1)) / 100.0;
        if (value > 1.0) {
            throw new IllegalArgumentException("expected a percentage between 0% and 100%, but was '" + Excerpt.of(text) + "'");
        }
        return value;
    }
}
