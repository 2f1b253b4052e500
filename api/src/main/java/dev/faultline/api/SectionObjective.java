package dev.faultline.api;

import java.util.Map;
import java.util.Objects;

/**
 * What every typed objective section shares: its key, its fields in the order given, and equality by both (two
 * sections of the same class with the same fields are the same objective).
 */
abstract class SectionObjective implements ObjectiveDefinition {
    private final String section;
    final Settings fields;

    SectionObjective(String section, Settings fields) {
        this.section = Objects.requireNonNull(section, "section");
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    @Override
    public final String section() {
        return section;
    }

    @Override
    public final Map<String, Object> fields() {
        return fields.asMap();
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && section.equals(((SectionObjective) o).section)
                && fields.equals(((SectionObjective) o).fields);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(section, fields);
    }

    @Override
    public final String toString() {
        return section + " " + fields;
    }
}
