package dev.faultline.assertions.api;

import java.time.Duration;
import java.util.Objects;

/** Checks of the arguments of the assertion methods: a wrong argument is a mistake in the test, thrown at once. */
final class Require {
    private Require() {
    }

    static Duration notNegative(Duration d, String method) {
        Objects.requireNonNull(d, method + ": duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException(method + " needs a duration of 0 or more, but was " + d);
        }
        return d;
    }

    static Duration positive(Duration d, String method) {
        Objects.requireNonNull(d, method + ": duration");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(method + " needs a duration greater than 0, but was " + d);
        }
        return d;
    }

    static long notNegative(long n, String method) {
        if (n < 0) {
            throw new IllegalArgumentException(method + " needs a number of 0 or more, but was " + n);
        }
        return n;
    }

    static String[] names(String[] names, String method) {
        Objects.requireNonNull(names, method + ": names");
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(method + " needs service names, but one was '" + name + "'");
            }
        }
        return names.clone();
    }
}
