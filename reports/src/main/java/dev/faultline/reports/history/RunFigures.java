package dev.faultline.reports.history;

import java.util.EnumMap;
import java.util.Map;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.measure.Slowest;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedIntegrity;
import dev.faultline.reports.saved.SavedRun;

/**
 * The one definition of each {@link TrendFigure}'s value for a saved run, from the figures {@code result.json} saved
 * (nothing is recomputed from the timeline). The history stores these, the trend chart draws them, the regression
 * bound judges them, and the suite report's RTO, RPO, lost and duplicated columns show them. The RTO's bound
 * ({@link #boundOf}) is the saved bound of the fault it comes from.
 */
public final class RunFigures {
    private RunFigures() {
    }

    /** Each figure the run measured; a figure it did not measure is absent. */
    public static Map<TrendFigure, Long> of(SavedRun run) {
        Map<TrendFigure, Long> out = new EnumMap<>(TrendFigure.class);
        for (TrendFigure figure : TrendFigure.values()) {
            Long value = of(run, figure);
            if (value != null) {
                out.put(figure, value);
            }
        }
        return out;
    }

    /** The figure's value for the run, or null when it was not measured. */
    public static Long of(SavedRun run, TrendFigure figure) {
        SavedIntegrity integrity = run.integrity();
        return switch (figure) {
            case RTO -> rtoMs(run);
            case RPO -> integrity.drained() ? integrity.rpoMs() : null;
            case LOST -> integrity.drained() ? integrity.lost() : null;
            case DUPLICATED -> integrity.drained() ? integrity.duplicated() : null;
            case P99_LATENCY -> run.load().p99Ms();
        };
    }

    /**
     * The bound of the figure's value for the run (the true value lies within plus or minus it), or null when the
     * figure is not measured, has no bound (counts, RPO, latency), or the run was saved before bounds were kept.
     */
    public static Long boundOf(SavedRun run, TrendFigure figure) {
        if (figure != TrendFigure.RTO) {
            return null;
        }
        SavedFault slowest = slowestRecovery(run);
        return slowest == null ? null : slowest.recoveryBoundMs();
    }

    /**
     * The slowest RTO over the run's injected faults; null when one of them never recovered, or none was injected
     * or measured.
     */
    private static Long rtoMs(SavedRun run) {
        SavedFault slowest = slowestRecovery(run);
        return slowest == null ? null : slowest.recoveryMs();
    }

    /**
     * The injected fault with the slowest recovery (of two as slow, the one with the larger bound); null when one
     * never recovered, or none was injected or measured.
     */
    private static SavedFault slowestRecovery(SavedRun run) {
        if (neverRecovered(run)) {
            return null;
        }
        SavedFault slowest = null;
        for (SavedFault f : run.faults()) {
            if (f.injectedAtMs() == null || f.recoveryMs() == null) {
                continue;
            }
            if (slowest == null || Slowest.slower(f.recoveryMs(), f.recoveryBoundMs(), slowest.recoveryMs(),
                    slowest.recoveryBoundMs())) {
                slowest = f;
            }
        }
        return slowest;
    }

    /** Whether a fault of the run was injected and never recovered (then the run has no RTO). */
    public static boolean neverRecovered(SavedRun run) {
        return run.faults().stream().anyMatch(f -> f.injectedAtMs() != null && !f.recovered());
    }
}
