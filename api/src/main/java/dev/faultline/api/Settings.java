package dev.faultline.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of one part of a scenario (a fault's {@code with:}, an objective's section), in the order given.
 * Immutable: {@link #with} returns a copy. A field set again keeps its place and takes the new value.
 */
final class Settings {
    static final Settings NONE = new Settings(Map.of());

    private final Map<String, Object> fields;

    private Settings(Map<String, Object> fields) {
        this.fields = fields;
    }

    Settings with(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(key, value);
        return new Settings(Collections.unmodifiableMap(copy));
    }

    /** The fields as the loader takes them: an unmodifiable map in the order given. */
    Map<String, Object> asMap() {
        return fields;
    }

    /** An enum constant as a scenario writes it: {@code DUPLICATE_DELIVERY} as {@code duplicate-delivery}. */
    static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
