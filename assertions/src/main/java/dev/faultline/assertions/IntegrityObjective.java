package dev.faultline.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.measure.StateMeasure;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code integrity: {lost: 0, duplicated: 0, rpo: 0s}}: at most {@code lost} accepted items never completed, at
 * most {@code duplicated} items completed more than once, and (when {@code rpo} is given) the oldest lost item
 * was at most that old when the first fault struck. Checks {@code integrity.lost}, {@code integrity.duplicated}
 * and {@code integrity.rpo}. With {@code stateAgrees} (the default), each service whose topology entry declares a
 * {@code state} endpoint must report, after recovery, figures in the ranges the ledger implies
 * ({@code integrity.state[<service>]}, see {@link StateMeasure}).
 *
 * @param maxRpo null when the RPO is not judged
 */
public record IntegrityObjective(long maxLost, long maxDuplicated, Duration maxRpo, boolean stateAgrees)
        implements Objective {
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

    /** Judges the agents' state too. */
    public IntegrityObjective(long maxLost, long maxDuplicated, Duration maxRpo) {
        this(maxLost, maxDuplicated, maxRpo, true);
    }

    /** Nothing lost, nothing duplicated, RPO not judged, state judged. */
    public static IntegrityObjective strict() {
        return new IntegrityObjective(0, 0, null, true);
    }

    @Override
    public String name() {
        return "integrity";
    }

    @Override
    public List<Check> evaluate(RunRecord run, Measurements figures) {
        IntegrityMeasure m = figures.integrity();
        List<Check> checks = new ArrayList<>();
        checks.add(lost(m, maxLost));
        checks.add(duplicated(m, maxDuplicated));
        if (maxRpo != null) {
            checks.add(rpo(m, maxRpo));
        }
        if (stateAgrees) {
            for (StateMeasure.ServiceState service : figures.state().services()) {
                checks.add(state(service));
            }
        }
        return checks;
    }

    /** {@code integrity.lost}: at most {@code max} accepted items never completed. */
    public static Check lost(IntegrityMeasure m, long max) {
        return new Check("integrity.lost", "<= " + max, String.valueOf(m.lost()), m.lost() <= max);
    }

    /** {@code integrity.duplicated}: at most {@code max} items completed more than once. */
    public static Check duplicated(IntegrityMeasure m, long max) {
        return new Check("integrity.duplicated", "<= " + max, String.valueOf(m.duplicated()),
                m.duplicated() <= max);
    }

    /** {@code integrity.rpo}: the oldest lost item was at most {@code max} old when the first fault struck. */
    public static Check rpo(IntegrityMeasure m, Duration max) {
        return new Check("integrity.rpo", "<= " + Durations.figure(max), Durations.figure(m.rpoMs()),
                m.rpoMs() <= max.toMillis());
    }

    /** {@code integrity.state[<service>]}: the service's reported state is in the ranges the ledger implies. */
    public static Check state(StateMeasure.ServiceState s) {
        List<String> expected = new ArrayList<>();
        s.implied().forEach((key, range) -> expected.add(key + " " + range));
        List<String> reported = new ArrayList<>();
        s.reported().forEach((key, value) -> reported.add(key + " " + value));
        String actual = s.agrees()
                ? String.join(", ", reported)
                : String.join("; ", s.disagreements());
        return new Check("integrity.state[" + s.service() + "]",
                expected.isEmpty() ? "state readable" : "as the ledger implies: " + String.join(", ", expected),
                actual.isEmpty() ? "no figures" : actual, s.agrees());
    }
}
