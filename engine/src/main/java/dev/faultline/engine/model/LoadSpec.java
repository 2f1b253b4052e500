package dev.faultline.engine.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The load driven during a scenario. {@code driver} names a {@code LoadDriver} found through ServiceLoader
 * ({@code ledger} is built in). Fault offsets count from the start of the load.
 *
 * <p>The workload is one of: open at {@code rate} (new items per second, whatever the answers take), rising from 0
 * to it over {@code rampUp} first when that is not zero; closed with {@code users} (each submits an item, waits for
 * its answer, then submits the next); or a user's own {@code simulation} (a class name), which shapes its own
 * workload. Exactly one of {@code rate}, {@code users} and {@code simulation} is set.
 */
public record LoadSpec(String driver, Rate rate, Integer users, Duration rampUp, String simulation, Duration duration,
                       Endpoint submit, Endpoint results, Duration drain) {
    public LoadSpec {
        Checks.notBlank(driver, "load.driver");
        int shapes = (rate == null ? 0 : 1) + (users == null ? 0 : 1) + (simulation == null ? 0 : 1);
        if (shapes != 1) {
            throw new IllegalArgumentException("load: exactly one of rate, users and simulation, but " + shapes
                    + " were given");
        }
        if (users != null && users < 1) {
            throw new IllegalArgumentException("load.users must be at least 1, but was " + users);
        }
        rampUp = rampUp == null ? Duration.ZERO : rampUp;
        Checks.notNegative(rampUp, "load.ramp-up");
        Checks.positive(duration, "load.duration");
        Objects.requireNonNull(submit, "load.submit");
        Objects.requireNonNull(results, "load.results");
        Checks.notNegative(drain, "load.drain");
    }

    /** An open workload at a constant {@code rate}. */
    public LoadSpec(String driver, Rate rate, Duration duration, Endpoint submit, Endpoint results, Duration drain) {
        this(driver, rate, null, Duration.ZERO, null, duration, submit, results, drain);
    }
}
