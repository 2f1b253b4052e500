package dev.faultline.assertions.api;

import java.time.Duration;
import java.util.Optional;

import dev.faultline.assertions.RecoveryObjective;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.ProbeMeasure;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.timeline.Lane;

/**
 * The figures of one fault, or of one probe lane during one fault (milliseconds), with the three judgements made on
 * them. {@code subject} names it in messages: {@code kill-worker}, {@code kill-worker on probe api-ready}.
 */
record FaultFigures(String subject, boolean injected, Long detectMs, Long recoveryMs, boolean recovered,
                    Long outageMs) {
    static final String NEVER_INJECTED = "never injected";

    static FaultFigures of(FaultMeasure f) {
        return new FaultFigures(f.name(), f.injected(), f.timeToDetectMs(), f.recoveryMs(), f.recovered(),
                f.outageMs());
    }

    /** {@code probe} of fault {@code f}; a lane without figures counts as a fault never injected. */
    static FaultFigures of(FaultMeasure f, String probe) {
        String subject = f.name() + " on probe " + probe;
        ProbeMeasure p = f.probes().get(Lane.probe(probe).wire());
        if (!f.injected() || p == null) {
            return new FaultFigures(subject, false, null, null, false, null);
        }
        return new FaultFigures(subject, true, p.timeToDetectMs(), p.recoveryMs(), p.recovered(), p.outageMs());
    }

    /** The same check as the {@code recovery} objective's, on these figures. */
    Optional<Failure> recoveredWithin(Duration within) {
        String figure = "recovery of " + subject;
        if (!injected) {
            return Optional.of(new Failure(figure, "<= " + Durations.figure(within), NEVER_INJECTED));
        }
        return Failure.of(figure, RecoveryObjective.recovered(figure, recovered, recoveryMs, within));
    }

    Optional<Failure> detectedWithin(Duration within) {
        String figure = "time to detect " + subject;
        String expected = "<= " + Durations.figure(within);
        if (!injected) {
            return Optional.of(new Failure(figure, expected, NEVER_INJECTED));
        }
        if (detectMs == null) {
            return Optional.of(new Failure(figure, expected, "not detected (no failing probe sample)"));
        }
        return exceeds(figure, expected, detectMs, within);
    }

    Optional<Failure> outageAtMost(Duration most) {
        String figure = "outage of " + subject;
        String expected = "<= " + Durations.figure(most);
        if (!injected) {
            return Optional.of(new Failure(figure, expected, NEVER_INJECTED));
        }
        return exceeds(figure, expected, outageMs, most);
    }

    private static Optional<Failure> exceeds(String figure, String expected, long actualMs, Duration bound) {
        return actualMs <= bound.toMillis()
                ? Optional.empty()
                : Optional.of(new Failure(figure, expected, Durations.figure(actualMs)));
    }
}
