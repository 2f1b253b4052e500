package dev.faultline.engine.timeline;

import java.util.Objects;

/**
 * What a {@link TimelineEvent.Sample} samples: a scenario probe ({@code probe:<name>}) or the health check of one
 * container instance ({@code health:<instance>}).
 */
public record Lane(Kind kind, String name) {
    public enum Kind {
        /** A probe the scenario declares under {@code steady-state.probes}. */
        PROBE("probe:"),
        /** The {@code health} check of one instance of a topology service. */
        HEALTH("health:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The text before the name: {@code probe:}. */
        public String prefix() {
            return prefix;
        }
    }

    public Lane {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a lane's name must not be empty");
        }
    }

    public static Lane probe(String name) {
        return new Lane(Kind.PROBE, name);
    }

    public static Lane health(String instance) {
        return new Lane(Kind.HEALTH, instance);
    }

    /**
     * The lane written as {@code text} ({@code probe:api}, {@code health:worker-0}).
     *
     * @throws IllegalArgumentException saying what was expected when {@code text} is not of that form
     */
    public static Lane parse(String text) {
        Objects.requireNonNull(text, "lane");
        for (Kind kind : Kind.values()) {
            if (text.startsWith(kind.prefix) && text.length() > kind.prefix.length()) {
                return new Lane(kind, text.substring(kind.prefix.length()));
            }
        }
        throw new IllegalArgumentException("lane: expected probe:<name> or health:<instance> but was '" + text + "'");
    }

    public boolean isProbe() {
        return kind == Kind.PROBE;
    }

    /** As written in {@code timeline.jsonl} and {@code result.json}: {@code probe:api}. */
    public String wire() {
        return kind.prefix + name;
    }

    @Override
    public String toString() {
        return wire();
    }
}
