package dev.faultline.engine.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A section of a scenario (a fault's {@code with}, one objective) as a plugin reads it. Every getter checks the
 * value once, at load time, and a wrong value throws an error naming the file, line, column and field path with
 * what was expected and what was found. Plugins call {@link #allowOnly} first so unknown fields are rejected.
 */
public interface Params {
    /** The field path of this section, e.g. {@code faults[0].with}. */
    String path();

    Set<String> keys();

    boolean has(String key);

    /** Rejects any key not listed, with a "did you mean" hint. */
    Params allowOnly(String... keys);

    Optional<String> string(String key);

    Optional<Duration> duration(String key);

    Optional<Long> integer(String key);

    Optional<Double> number(String key);

    Optional<Boolean> bool(String key);

    /** A percentage like {@code 5%}, as a fraction (0.05). */
    Optional<Double> fraction(String key);

    /** A size like {@code 512KB}, in bytes. */
    Optional<Long> bytes(String key);

    /** Case-insensitive match against the constants' names ({@code -} and {@code _} are the same). */
    <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type);

    Optional<List<String>> strings(String key);

    Optional<Params> section(String key);

    /** Fails with this section's location: {@code file:line:col path.key: message}. */
    RuntimeException invalid(String key, String message);

    default String required(String key) {
        return string(key).orElseThrow(() -> invalid(key, "is required"));
    }
}
