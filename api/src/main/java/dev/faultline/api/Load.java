package dev.faultline.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The load of a scenario, typed: the built-in {@code ledger} driver or {@code gatling}. Fault times count from its
 * start.
 *
 * <pre>{@code
 * Load.ledger(Rate.perSecond(20), ofSeconds(30))
 *         .submit("orchestrator", 8080, "/tasks").results("orchestrator", 8080, "/results")
 * }</pre>
 */
public final class Load {
    private Load() {
    }

    /** {@code driver: ledger}: submits work at {@code rate} for {@code duration}. */
    public static LoadDefinition ledger(Rate rate, Duration duration) {
        return driver("ledger", rate, duration);
    }

    /** {@code driver: gatling}: the built-in simulation at {@code rate} for {@code duration}. */
    public static LoadDefinition gatling(Rate rate, Duration duration) {
        return driver("gatling", rate, duration);
    }

    /** {@code driver: gatling} with a closed workload of {@code users} for {@code duration}. */
    public static LoadDefinition gatlingUsers(int users, Duration duration) {
        return new LoadDefinition(Settings.NONE.with("driver", "gatling").with("users", users)
                .with("duration", Objects.requireNonNull(duration, "duration")));
    }

    private static LoadDefinition driver(String driver, Rate rate, Duration duration) {
        return new LoadDefinition(Settings.NONE.with("driver", driver)
                .with("rate", Objects.requireNonNull(rate, "rate").text())
                .with("duration", Objects.requireNonNull(duration, "duration")));
    }
}
