package dev.faultline.injectors;

import java.util.List;
import java.util.Locale;

/**
 * Which way a link fault acts: on what the client sends ({@code upstream}), on what it receives
 * ({@code downstream}), or on both.
 */
public enum Direction {
    UPSTREAM, DOWNSTREAM, BOTH;

    /** The proxy's streams this direction covers: {@code both} is upstream and downstream. */
    List<Direction> streams() {
        return this == BOTH ? List.of(UPSTREAM, DOWNSTREAM) : List.of(this);
    }

    /** As written in a scenario and in the proxy's API: {@code upstream}. */
    String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
