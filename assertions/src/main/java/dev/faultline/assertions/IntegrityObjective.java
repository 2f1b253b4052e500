package dev.faultline.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code integrity: {lost: 0, duplicated: 0, rpo: 0s}}: at most {@code lost} accepted items never completed, at
 * most {@code duplicated} items completed more than once, and (when {@code rpo} is given) the oldest lost item
 * was at most that old when the first fault struck. Checks {@code integrity.lost}, {@code integrity.duplicated}
 * and {@code integrity.rpo}.
 *
 * @param maxRpo null when the RPO is not judged
 */
public record IntegrityObjective(long maxLost, long maxDuplicated, Duration maxRpo) implements Objective {
    public IntegrityObjective {
        if (maxLost < 0) {
            throw new IllegalArgumentException("integrity.lost must be 0 or more, but was " + maxLost);
        }
        if (maxDuplicated < 0) {
            throw new IllegalArgumentException("integrity.duplicated must be 0 or more, but was " + maxDuplicated);
        }
        if (maxRpo != null && maxRpo.isNegative()) {
            throw new IllegalArgumentException("integrity.rpo must not be negative, but was " + maxRpo);
        }
    }

    /** Nothing lost, nothing duplicated, RPO not judged. */
    public static IntegrityObjective strict() {
        return new IntegrityObjective(0, 0, null);
    }

    @Override
    public String name() {
        return "integrity";
    }

    @Override
    public List<Check> evaluate(RunRecord run) {
        IntegrityMeasure m = Measurements.of(run, StabilityRequirement.resolve(run.scenario())).integrity();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("integrity.lost", "<= " + maxLost, String.valueOf(m.lost()), m.lost() <= maxLost));
        checks.add(new Check("integrity.duplicated", "<= " + maxDuplicated, String.valueOf(m.duplicated()),
                m.duplicated() <= maxDuplicated));
        if (maxRpo != null) {
            checks.add(new Check("integrity.rpo", "<= " + Figures.duration(maxRpo), Figures.duration(m.rpoMs()),
                    m.rpoMs() <= maxRpo.toMillis()));
        }
        return checks;
    }
}
