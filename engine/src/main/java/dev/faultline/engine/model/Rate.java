package dev.faultline.engine.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Events per second, written {@code 20/s} or {@code 600/m}. */
public record Rate(double perSecond) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|m|h)");

    public Rate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate must be greater than 0, but was " + perSecond + "/s");
        }
    }

    public static Rate parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a rate like 20/s or 600/m, but was '" + Excerpt.of(text) + "'");
        }
        double n = Double.parseDouble(m.group(1));
        double perSecond = switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n / 60.0;
            default -> n / 3600.0;
        };
        return new Rate(perSecond);
    }

    @Override
    public String toString() {
        return (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond)) + "/s";
    }
}
