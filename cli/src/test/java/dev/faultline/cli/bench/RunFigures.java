package dev.faultline.cli.bench;

import dev.faultline.cli.bench.AccuracyCase.Range;

/**
 * One run of one case: the figures the harness measured with their bounds, the truth from the independent sources,
 * and the offsets between the harness's own marks and the daemon's that explain part of any difference.
 * {@code problem} is set (and the figures may be null) when the run could not be judged: it did not finish, or a
 * truth source was missing.
 */
record RunFigures(String caseName, int run, String runId, String reportDir, String verdict, String problem,
                  Measured measured, Bounds bounds, Sampling sampling, AccuracyCase.Truth truth, Offsets offsets) {

    /** The three figures the benchmark judges. */
    enum Figure {
        OUTAGE, RECOVERY, DETECT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The harness's figures ({@code result.measurements().faults().get(0)}), ms on the timeline. */
    record Measured(long injectedAt, long revertedAt, Long detectMs, Long recoveryMs, Long outageMs) {
    }

    /**
     * The bounds the harness reported beside its figures (ms; null: not known, or no figure), as read from the run's
     * {@code result.json} ({@code faults[].timeToDetectBoundMs}, {@code recoveryBoundMs}, {@code outageBoundMs}).
     *
     * @param source where they were read: {@code result.json}, or what stood in for it (and why)
     */
    record Bounds(Long detectMs, Long recoveryMs, Long outageMs, String source) {
        static final String RESULT_JSON = "result.json";
    }

    /**
     * The probe load the run made ({@code result.json}'s {@code sampling}): regular probe samples, the extra ones sent
     * to narrow transitions, and the extra ones per second of sampling.
     */
    record Sampling(long probeSamples, long extraProbes, double extraProbesPerSecond, String source) {
    }

    /**
     * Whether the truth of one figure lies inside the measured figure plus or minus its bound.
     *
     * @param inside   the truth's best estimate lies in {@code [measured - bound, measured + bound]} (the judgment)
     * @param overlaps that interval and the truth's own interval ({@link Range#lo()}..{@link Range#hi()}) meet: the
     *                 truth may lie inside once its own uncertainty is allowed
     * @param missMs   how far the best estimate lies outside the measured interval (0 when inside; null without a
     *                 figure or a bound)
     * @param why      why it could not be judged (no figure, no bound), else null
     */
    record Coverage(boolean inside, boolean overlaps, Double missMs, String why) {
        /** Covered only when the truth's own uncertainty is allowed. */
        boolean onlyWithTruthUncertainty() {
            return !inside && overlaps;
        }

        static Coverage of(Long measured, Long bound, Range truth) {
            if (measured == null) {
                return new Coverage(false, false, null, "no figure");
            }
            if (bound == null) {
                return new Coverage(false, false, null, "no bound");
            }
            double lo = measured - bound;
            double hi = measured + bound;
            double miss = truth.best() < lo ? lo - truth.best() : truth.best() > hi ? truth.best() - hi : 0;
            boolean overlaps = truth.lo() <= hi && truth.hi() >= lo;
            return new Coverage(miss == 0, overlaps, miss, null);
        }
    }

    /**
     * What explains part of a difference (ms): where the harness's marks sit against the daemon's, and how the
     * sample that ended the outage was answered.
     *
     * @param unpauseToRevert harness's revert mark minus the daemon's unpause (freeze only, else null)
     * @param killToDie       daemon's die minus its kill (crash only: how late the die is stamped)
     * @param firstPassAt     timeline time (send time) of the first passing probe sample after the first failing
     *                        one: where the harness ends the outage; null if none
     * @param firstPassLatency how long that sample waited for its answer
     * @param firstPassExtra  whether that sample was an extra one (sent to narrow the transition)
     * @param answerMs        the agent's normal answer time before the fault (see {@link AccuracyCase#truth})
     * @param eventLagMin     smallest delay, over the pause, unpause and die events, between the daemon's time and
     *                        the harness's receipt (its timeline record); below about -1 ms the clock conversion
     *                        would be off
     * @param eventLagMax     the largest
     * @param clockDrift      how far the wall clock moved against the monotonic clock between the timeline's origin
     *                        and the end of the run: the conversion's error
     */
    record Offsets(Double unpauseToRevert, Double killToDie, Long firstPassAt, Long firstPassLatency,
                   Boolean firstPassExtra, long answerMs, Double eventLagMin, Double eventLagMax, double clockDrift) {
    }

    static RunFigures failed(String caseName, int run, String runId, String reportDir, String verdict, String problem,
                             Measured measured, Bounds bounds, Sampling sampling) {
        return new RunFigures(caseName, run, runId, reportDir, verdict, problem, measured, bounds, sampling, null,
                null);
    }

    boolean usable() {
        return problem == null;
    }

    Long measured(Figure figure) {
        return switch (figure) {
            case OUTAGE -> measured.outageMs();
            case RECOVERY -> measured.recoveryMs();
            case DETECT -> measured.detectMs();
        };
    }

    /** The bound the harness reported for {@code figure}; null when not known (or no figure). */
    Long bound(Figure figure) {
        if (bounds == null) {
            return null;
        }
        return switch (figure) {
            case OUTAGE -> bounds.outageMs();
            case RECOVERY -> bounds.recoveryMs();
            case DETECT -> bounds.detectMs();
        };
    }

    /** The truth of {@code figure}: its best estimate and the interval it is known to lie in. */
    Range truthRange(Figure figure) {
        return switch (figure) {
            case OUTAGE -> truth.outage();
            case RECOVERY -> truth.recovery();
            case DETECT -> truth.detect();
        };
    }

    /** The truth's best estimate of {@code figure}. */
    double truth(Figure figure) {
        return truthRange(figure).best();
    }

    /** Measured minus true (best estimate), ms; null when the harness gave no figure (never detected, recovered). */
    Double error(Figure figure) {
        Long m = measured(figure);
        return m == null ? null : m - truth(figure);
    }

    /** Whether the truth of {@code figure} lies inside the measured figure plus or minus its bound. */
    Coverage coverage(Figure figure) {
        return Coverage.of(measured(figure), bound(figure), truthRange(figure));
    }
}
