package dev.faultline.engine.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which instances of a service something applies to: {@code worker} (every replica), {@code worker[0]},
 * {@code worker[random]} (one, chosen by the scenario's seed) or {@code worker[50%]} (that share, seeded).
 * A link target {@code worker[0]->rabbitmq} selects the same instances of {@code service} as clients of the
 * declared link to {@code linkTo}; {@code linkTo} is {@code null} for a plain service target.
 */
public record Target(String service, Kind kind, int value, String linkTo) {
    public enum Kind { ALL, INDEX, RANDOM, PERCENT }

    private static final Pattern SYNTAX = Pattern.compile("([a-z0-9][a-z0-9-]{0,62})(?:\\[(\\d{1,4}|random|\\d{1,3}%)])?");

    public Target(String service, Kind kind, int value) {
        this(service, kind, value, null);
    }

    public Target {
        Checks.notBlank(service, "target service");
        if (linkTo != null) {
            Checks.notBlank(linkTo, "target link end");
        }
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

    /**
     * The instances a probe on this target asks, of the service's {@code instances} in replica order: the one at the
     * index for {@code worker[0]}, every one otherwise (a probe checks them all; random and share selections are for
     * faults). The index is one the service has: scenarios are checked against their topology before anything runs.
     */
    public List<String> probedAmong(List<String> instances) {
        return kind == Kind.INDEX ? List.of(instances.get(value)) : instances;
    }

    /** Whether this is a link target ({@code from->to}) rather than a service's instances. */
    public boolean isLink() {
        return linkTo != null;
    }

    /** The same client selection, on the link from this target's service to {@code to}. */
    public Target toward(String to) {
        return new Target(service, kind, value, to);
    }

    /**
     * Parses {@code worker}, {@code worker[0]}, {@code worker[random]}, {@code worker[50%]}, or a link with such a
     * selector as its client end: {@code worker[0]->rabbitmq}.
     */
    public static Target parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int arrow = trimmed.indexOf("->");
        if (arrow >= 0) {
            Target from = parse(trimmed.substring(0, arrow));
            String to = trimmed.substring(arrow + 2).trim();
            Matcher end = SYNTAX.matcher(to);
            if (from.isLink() || !end.matches() || end.group(2) != null) {
                throw new IllegalArgumentException("expected a link between two services, its client end optionally "
                        + "with [index], [random] or [N%] (e.g. worker->rabbitmq, worker[0]->rabbitmq), but was '"
                        + Excerpt.of(text) + "'");
            }
            return from.toward(to);
        }
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a service name, optionally with [index], [random] or [N%] (e.g. worker[0]), but was '" + Excerpt.of(text) + "'");
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
        return linkTo == null ? selector() : selector() + "->" + linkTo;
    }

    private String selector() {
        return switch (kind) {
            case ALL -> service;
            case INDEX -> service + "[" + value + "]";
            case RANDOM -> service + "[random]";
            case PERCENT -> service + "[" + value + "%]";
        };
    }
}
