package dev.faultline.cli;

import java.util.List;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.Slowest;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.run.RunResult;

/**
 * The table printed at the end of {@code faultline run}: per scenario its verdict, its slowest time to detect and
 * recovery, each with its bound when known ({@code 2.55s ± 40ms}), and its lost and duplicated work and RPO.
 */
final class Summary {
    private static final String FORMAT = "%-32s %-8s %14s %14s %6s %6s %8s%n";

    private Summary() {
    }

    static String table(List<RunResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(FORMAT, "SCENARIO", "VERDICT", "DETECT", "RECOVERY", "LOST", "DUPL", "RPO"));
        for (RunResult r : results) {
            IntegrityMeasure i = r.measurements().integrity();
            // work still in flight when a run stopped before its drain is not lost: say nothing rather than a guess
            boolean drained = r.record().drained();
            sb.append(String.format(FORMAT, r.scenario(), r.verdict(), worst(r, true), worst(r, false),
                    drained ? String.valueOf(i.lost()) : "-", drained ? String.valueOf(i.duplicated()) : "-",
                    drained ? Durations.figure(i.rpoMs()) : "-"));
        }
        return sb.toString();
    }

    /**
     * The slowest detection or recovery over the run's faults with its bound (of two as slow, the wider bound); "-"
     * when there is none, "never" if one never recovered.
     */
    private static String worst(RunResult r, boolean detect) {
        Long worst = null;
        Long bound = null;
        for (FaultMeasure f : r.measurements().faults()) {
            if (!f.injected()) {
                continue;
            }
            if (!detect && !f.recovered()) {
                return "never";
            }
            Long v = detect ? f.timeToDetectMs() : f.recoveryMs();
            Long b = detect ? f.timeToDetectBoundMs() : f.recoveryBoundMs();
            if (v != null && (worst == null || Slowest.slower(v, b, worst, bound))) {
                worst = v;
                bound = b;
            }
        }
        return worst == null ? "-" : Durations.figure(worst, bound);
    }
}
