package dev.faultline.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code recovery: {within: 15s, stable-for: 3s, judge-on: bound}}: every injected fault must be followed, within
 * {@code within} of its end (for an instantaneous fault its injection, or its last crash when it repeats), by a stretch
 * of {@code stable-for} in which every probe passes. The recovery time is judged with its bound ({@link TimeLimit}):
 * by default the figure plus its bound must be within, with {@code judge-on: measured} the figure alone. One check per
 * injected fault, {@code recovery[<fault>]}.
 */
public record RecoveryObjective(Duration within, Duration stableFor, TimeLimit.Judging judging)
        implements Objective, StabilityRequirement {

    /** Judged on the bound. */
    public RecoveryObjective(Duration within, Duration stableFor) {
        this(within, stableFor, TimeLimit.Judging.BOUND);
    }

    public RecoveryObjective {
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(stableFor, "stableFor");
        Objects.requireNonNull(judging, "judging");
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
                checks.add(recovered("recovery[" + f.name() + "]", f.recovered(), f.recoveryMs(), f.recoveryBoundMs(),
                        new TimeLimit(within, judging)));
            }
        }
        return checks;
    }

    /**
     * One recovery judged: recovered, and within the limit of the recovery start, with its bound ({@link TimeLimit}).
     * {@code name} names the check ({@code recovery[kill-worker]}).
     *
     * @param recoveryMs null when not recovered
     * @param boundMs    the figure's bound; null when not known
     */
    public static Check recovered(String name, boolean recovered, Long recoveryMs, Long boundMs, TimeLimit limit) {
        if (!recovered) {
            return new Check(name, limit.expected(), "not recovered", false);
        }
        return limit.check(name, recoveryMs, boundMs);
    }
}
