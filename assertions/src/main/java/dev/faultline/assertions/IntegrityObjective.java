package dev.faultline.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.measure.StateMeasure;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.StabilityRequirement;
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
    public List<Check> evaluate(RunRecord run) {
        Measurements all = Measurements.of(run, StabilityRequirement.resolve(run.scenario()));
        IntegrityMeasure m = all.integrity();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("integrity.lost", "<= " + maxLost, String.valueOf(m.lost()), m.lost() <= maxLost));
        checks.add(new Check("integrity.duplicated", "<= " + maxDuplicated, String.valueOf(m.duplicated()),
                m.duplicated() <= maxDuplicated));
        if (maxRpo != null) {
            checks.add(new Check("integrity.rpo", "<= " + Durations.figure(maxRpo), Durations.figure(m.rpoMs()),
                    m.rpoMs() <= maxRpo.toMillis()));
        }
        if (stateAgrees) {
            for (StateMeasure.ServiceState service : all.state().services()) {
                checks.add(stateCheck(service));
            }
        }
        return checks;
    }

    private static Check stateCheck(StateMeasure.ServiceState s) {
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
