package dev.faultline.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code recovery} objective: the steady state is back within a bound of the fault ending, and stays so.
 *
 * <pre>{@code
 * Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3))
 * }</pre>
 */
public final class Recovery implements ObjectiveDefinition {
    private final Settings fields;

    Recovery(Settings fields) {
        this.fields = fields;
    }

    /** {@code stable-for}: how long the steady state must hold to count as recovered. */
    public Recovery stableFor(Duration stableFor) {
        return new Recovery(fields.with("stable-for", Objects.requireNonNull(stableFor, "stableFor")));
    }

    @Override
    public String section() {
        return "recovery";
    }

    @Override
    public Map<String, Object> fields() {
        return fields.asMap();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recovery other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return section() + " " + fields;
    }
}
