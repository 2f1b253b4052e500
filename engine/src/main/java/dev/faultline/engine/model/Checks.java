package dev.faultline.engine.model;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the model's constructors; messages say what was expected and found. */
final class Checks {
    private Checks() {
    }

    static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, but was " + quote(value));
        }
        return value;
    }

    static int port(int port, String field) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + " must be a port between 1 and 65535, but was " + port);
        }
        return port;
    }

    static Duration positive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be greater than 0, but was " + value);
        }
        return value;
    }

    static Duration notNegative(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, but was " + value);
        }
        return value;
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + Excerpt.of(value) + "'";
    }
}
