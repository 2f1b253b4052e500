package dev.faultline.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code recovery: {within: 15s, stable-for: 3s}}: every injected fault must be followed, within {@code within}
 * of its end (for an instantaneous fault its injection, or its last crash when it repeats), by a stretch of {@code stable-for} in which every probe
 * passes. One check per injected fault, {@code recovery[<fault>]}.
 */
public record RecoveryObjective(Duration within, Duration stableFor) implements Objective, StabilityRequirement {
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
    public List<Check> evaluate(RunRecord run, Measurements figures) {
        List<Check> checks = new ArrayList<>();
        for (FaultMeasure f : figures.faults()) {
            if (f.injected()) {
                checks.add(recovered("recovery[" + f.name() + "]", f.recovered(), f.recoveryMs(), within));
            }
        }
        return checks;
    }

    /**
     * One recovery judged: recovered, and within {@code within} of the recovery start. {@code name} names the check
     * ({@code recovery[kill-worker]}).
     *
     * @param recoveryMs null when not recovered
     */
    public static Check recovered(String name, boolean recovered, Long recoveryMs, Duration within) {
        String actual = recovered ? Durations.figure(recoveryMs) : "not recovered";
        return new Check(name, "<= " + Durations.figure(within), actual,
                recovered && recoveryMs <= within.toMillis());
    }
}
