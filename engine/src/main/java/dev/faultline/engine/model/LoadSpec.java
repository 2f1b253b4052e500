package dev.faultline.engine.model;

import java.time.Duration;

/**
 * The load driven during a scenario. {@code driver} names a {@code LoadDriver} found through ServiceLoader
 * ({@code ledger} is built in). Fault offsets count from the start of the load.
 */
public record LoadSpec(String driver, Rate rate, Duration duration, Endpoint submit, Endpoint results, Duration drain) {
    public LoadSpec {
        Checks.notBlank(driver, "load.driver");
        java.util.Objects.requireNonNull(rate, "load.rate");
        Checks.positive(duration, "load.duration");
        java.util.Objects.requireNonNull(submit, "load.submit");
        java.util.Objects.requireNonNull(results, "load.results");
        Checks.notNegative(drain, "load.drain");
    }
}
