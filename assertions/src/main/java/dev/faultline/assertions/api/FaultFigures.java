package dev.faultline.assertions.api;

import java.time.Duration;
import java.util.Optional;

import dev.faultline.assertions.RecoveryObjective;
import dev.faultline.assertions.TimeLimit;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.ProbeMeasure;
import dev.faultline.engine.timeline.Lane;

/**
 * The figures of one fault, or of one probe lane during one fault (milliseconds, each with its bound), with the three
 * judgements made on them by the rule of {@link TimeLimit}. {@code subject} names it in messages: {@code kill-worker},
 * {@code kill-worker on probe api-ready}.
 */
record FaultFigures(String subject, boolean injected, Long detectMs, Long detectBoundMs, Long recoveryMs,
                    Long recoveryBoundMs, boolean recovered, Long outageMs, Long outageBoundMs,
                    TimeLimit.Judging judging) {
    static final String NEVER_INJECTED = "never injected";

    static FaultFigures of(FaultMeasure f, TimeLimit.Judging judging) {
        return new FaultFigures(f.name(), f.injected(), f.timeToDetectMs(), f.timeToDetectBoundMs(), f.recoveryMs(),
                f.recoveryBoundMs(), f.recovered(), f.outageMs(), f.outageBoundMs(), judging);
    }

    /** {@code probe} of fault {@code f}; a lane without figures counts as a fault never injected. */
    static FaultFigures of(FaultMeasure f, String probe, TimeLimit.Judging judging) {
        String subject = f.name() + " on probe " + probe;
        ProbeMeasure p = f.probes().get(Lane.probe(probe).wire());
        if (!f.injected() || p == null) {
            return new FaultFigures(subject, false, null, null, null, null, false, null, null, judging);
        }
        return new FaultFigures(subject, true, p.timeToDetectMs(), p.timeToDetectBoundMs(), p.recoveryMs(),
                p.recoveryBoundMs(), p.recovered(), p.outageMs(), p.outageBoundMs(), judging);
    }

    /** The same check as the {@code recovery} objective's, on these figures. */
    Optional<Failure> recoveredWithin(Duration within) {
        String figure = "recovery of " + subject;
        TimeLimit limit = new TimeLimit(within, judging);
        if (!injected) {
            return Optional.of(new Failure(figure, limit.expected(), NEVER_INJECTED));
        }
        return Failure.of(figure, RecoveryObjective.recovered(figure, recovered, recoveryMs, recoveryBoundMs, limit));
    }

    Optional<Failure> detectedWithin(Duration within) {
        String figure = "time to detect " + subject;
        TimeLimit limit = new TimeLimit(within, judging);
        if (!injected) {
            return Optional.of(new Failure(figure, limit.expected(), NEVER_INJECTED));
        }
        if (detectMs == null) {
            return Optional.of(new Failure(figure, limit.expected(), "not detected (no failing probe sample)"));
        }
        return exceeds(figure, limit, detectMs, detectBoundMs);
    }

    Optional<Failure> outageAtMost(Duration most) {
        String figure = "outage of " + subject;
        TimeLimit limit = new TimeLimit(most, judging);
        if (!injected) {
            return Optional.of(new Failure(figure, limit.expected(), NEVER_INJECTED));
        }
        return exceeds(figure, limit, outageMs, outageBoundMs);
    }

    /** A failure unless {@code actualMs ± boundMs} meets {@code limit}. */
    static Optional<Failure> exceeds(String figure, TimeLimit limit, long actualMs, Long boundMs) {
        return limit.met(actualMs, boundMs)
                ? Optional.empty()
                : Optional.of(new Failure(figure, limit.expected(), limit.actual(actualMs, boundMs)));
    }
}
