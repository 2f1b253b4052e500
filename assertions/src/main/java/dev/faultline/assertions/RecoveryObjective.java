package dev.faultline.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code recovery: {within: 15s, stable-for: 3s}}: every injected fault must be followed, within {@code within}
 * of its end (its injection for an instantaneous fault), by a stretch of {@code stable-for} in which every probe
 * passes. One check per injected fault, {@code recovery[<fault>]}.
 */
public record RecoveryObjective(Duration within, Duration stableFor) implements Objective, StabilityRequirement {
    public static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(3);

    public RecoveryObjective {
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(stableFor, "stableFor");
        if (within.isNegative()) {
            throw new IllegalArgumentException("recovery.within must not be negative, but was " + within);
        }
        if (stableFor.isNegative()) {
            throw new IllegalArgumentException("recovery.stable-for must not be negative, but was " + stableFor);
        }
    }

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public List<Check> evaluate(RunRecord run) {
        Measurements m = Measurements.of(run, stableFor);
        List<Check> checks = new ArrayList<>();
        String expected = "<= " + Durations.figure(within);
        for (FaultMeasure f : m.faults()) {
            if (!f.injected()) {
                continue;
            }
            String actual = f.recovered() ? Durations.figure(f.recoveryMs()) : "not recovered";
            boolean met = f.recovered() && f.recoveryMs() <= within.toMillis();
            checks.add(new Check("recovery[" + f.name() + "]", expected, actual, met));
        }
        return checks;
    }
}
