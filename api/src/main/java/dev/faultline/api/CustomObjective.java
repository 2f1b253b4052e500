package dev.faultline.api;

import java.util.Map;
import java.util.Objects;

/**
 * An objective section by name with its fields, for a team's own objective types or a field the typed classes do
 * not cover: {@code Objectives.of("connections").with("service", "postgres").with("peak-rate", "<= 10/s")}.
 */
public final class CustomObjective implements ObjectiveDefinition {
    private final String section;
    private final Settings fields;

    CustomObjective(String section, Settings fields) {
        this.section = Objects.requireNonNull(section, "section");
        this.fields = fields;
    }

    /** One more field, as a scenario file would give it (typed values of this package as the format writes them). */
    public CustomObjective with(String key, Object value) {
        return new CustomObjective(section, fields.with(key, Values.plain(value)));
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public Map<String, Object> fields() {
        return fields.asMap();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomObjective other && section.equals(other.section) && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(section, fields);
    }

    @Override
    public String toString() {
        return section + " " + fields;
    }
}
