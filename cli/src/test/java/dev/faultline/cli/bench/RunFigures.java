package dev.faultline.cli.bench;

/**
 * One run of one case: the figures the harness measured, the truth from the independent sources, and the offsets
 * between the harness's own marks and the daemon's that explain part of any difference. {@code problem} is set (and
 * the figures may be null) when the run could not be judged: it did not finish, or a truth source was missing.
 */
record RunFigures(String caseName, int run, String runId, String reportDir, String verdict, String problem,
                  Measured measured, AccuracyCase.Truth truth, Offsets offsets) {

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
     * What explains part of a difference (ms): where the harness's marks sit against the daemon's, and how the
     * sample that ended the outage was answered.
     *
     * @param unpauseToRevert harness's revert mark minus the daemon's unpause (freeze only, else null)
     * @param killToDie       daemon's die minus its kill (crash only: how late the die is stamped)
     * @param firstPassAt     timeline time (send time) of the first passing probe sample after the first failing
     *                        one: where the harness ends the outage; null if none
     * @param firstPassLatency how long that sample waited for its answer
     * @param eventLagMin     smallest delay, over the pause, unpause and die events, between the daemon's time and
     *                        the harness's receipt (its timeline record); below about -1 ms the clock conversion
     *                        would be off
     * @param eventLagMax     the largest
     * @param clockDrift      how far the wall clock moved against the monotonic clock between the timeline's origin
     *                        and the end of the run: the conversion's error
     */
    record Offsets(Double unpauseToRevert, Double killToDie, Long firstPassAt,
                   Long firstPassLatency, Double eventLagMin, Double eventLagMax, double clockDrift) {
    }

    static RunFigures failed(String caseName, int run, String runId, String reportDir, String verdict, String problem,
                             Measured measured) {
        return new RunFigures(caseName, run, runId, reportDir, verdict, problem, measured, null, null);
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

    double truth(Figure figure) {
        return switch (figure) {
            case OUTAGE -> truth.outageMs();
            case RECOVERY -> truth.recoveryMs();
            case DETECT -> truth.detectMs();
        };
    }

    /** Measured minus true, ms; null when the harness gave no figure (never detected, never recovered). */
    Double error(Figure figure) {
        Long m = measured(figure);
        return m == null ? null : m - truth(figure);
    }
}
