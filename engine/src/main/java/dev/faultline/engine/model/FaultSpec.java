package dev.faultline.engine.model;

import java.time.Duration;
import java.util.Optional;

import dev.faultline.engine.spi.Fault;

/** One fault of a scenario: what ({@code type}, configured {@code fault}), where ({@code target}) and when. */
public record FaultSpec(String name, String type, Target target, Duration at, Duration duration, Fault fault) {
    public FaultSpec {
        Checks.notBlank(name, "faults.name");
        Checks.notBlank(type, "faults.type");
        java.util.Objects.requireNonNull(target, "faults." + name + ".target");
        Checks.notNegative(at, "faults." + name + ".at");
        if (duration != null) {
            Checks.positive(duration, "faults." + name + ".duration");
        }
        java.util.Objects.requireNonNull(fault, "faults." + name + " (configured fault)");
    }

    public Optional<Duration> window() {
        return Optional.ofNullable(duration);
    }
}
