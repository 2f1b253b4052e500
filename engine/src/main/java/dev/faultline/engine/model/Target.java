package dev.faultline.engine.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which instances of a service something applies to: {@code worker} (every replica), {@code worker[0]},
 * {@code worker[random]} (one, chosen by the scenario's seed) or {@code worker[50%]} (that share, seeded).
 */
public record Target(String service, Kind kind, int value) {
    public enum Kind { ALL, INDEX, RANDOM, PERCENT }

    private static final Pattern SYNTAX = Pattern.compile("([a-z0-9][a-z0-9-]*)(?:\\[(\\d+|random|\\d+%)])?");

    public Target {
        Checks.notBlank(service, "target service");
        java.util.Objects.requireNonNull(kind, "target kind");
        if (kind == Kind.PERCENT && (value < 1 || value > 100)) {
            throw new IllegalArgumentException("a target's share must be between 1% and 100%, but was " + value + "%");
        }
        if (kind == Kind.INDEX && value < 0) {
            throw new IllegalArgumentException("a target's index must not be negative, but was " + value);
        }
    }

    public static Target all(String service) {
        return new Target(service, Kind.ALL, 0);
    }

    public static Target index(String service, int index) {
        return new Target(service, Kind.INDEX, index);
    }

    /** Parses {@code worker}, {@code worker[0]}, {@code worker[random]}, {@code worker[50%]}. */
    public static Target parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a service name, optionally with [index], [random] or [N%] (e.g. worker[0]), but was '" + text + "'");
        }
        String selector = m.group(2);
        if (selector == null) {
            return all(m.group(1));
        }
        if (selector.equals("random")) {
            return new Target(m.group(1), Kind.RANDOM, 0);
        }
        if (selector.endsWith("%")) {
            return new Target(m.group(1), Kind.PERCENT, Integer.parseInt(selector.substring(0, selector.length() - 1)));
        }
        return index(m.group(1), Integer.parseInt(selector));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALL -> service;
            case INDEX -> service + "[" + value + "]";
            case RANDOM -> service + "[random]";
            case PERCENT -> service + "[" + value + "%]";
        };
    }
}
