package dev.faultline.reports.suite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.measure.Slowest;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.saved.SavedCheck;
import dev.faultline.reports.history.RunFigures;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedRun;

/**
 * Every figure the suite's reports show, as text, defined once for {@code index.html} and {@code summary.md}: the
 * order of the runs, each fault's time to detect and RTO, each run's RPO, lost and duplicated work, and the objective
 * each was judged against. The figures are {@code result.json}'s; nothing is recomputed from the timeline. A time
 * figure saved with its bound is written with it ({@link Durations#figure(long, Long)}: {@code 2.55s ± 40ms}).
 */
final class Figures {
    /** Shown where a figure was not measured or no objective judged it. */
    static final String NONE = "—";
    static final String NEVER = "never";
    static final String NOT_INJECTED = "not injected";
    static final String RPO_CHECK = "integrity.rpo";
    static final String LOST_CHECK = "integrity.lost";
    static final String DUPLICATED_CHECK = "integrity.duplicated";

    /** Worst verdict first (ERROR, ABORTED, FAILED, PASSED), then by scenario name, then by folder. */
    static final Comparator<SavedRun> WORST_FIRST = Comparator
            .comparingInt((SavedRun r) -> -r.verdict().exitCode())
            .thenComparing(SavedRun::scenario)
            .thenComparing(r -> r.dir().toAbsolutePath().normalize().toString());

    private Figures() {
    }

    static List<SavedRun> worstFirst(List<SavedRun> runs) {
        List<SavedRun> sorted = new ArrayList<>(runs);
        sorted.sort(WORST_FIRST);
        return sorted;
    }

    /** How many of {@code runs} have {@code verdict}. */
    static long count(List<SavedRun> runs, Verdict verdict) {
        return runs.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** The fault's time to detect: {@link #NONE} when nothing failed, {@link #NOT_INJECTED} when never injected. */
    static String detect(SavedFault f) {
        if (f.injectedAtMs() == null) {
            return NOT_INJECTED;
        }
        return f.timeToDetectMs() == null ? NONE : Durations.figure(f.timeToDetectMs(), f.timeToDetectBoundMs());
    }

    /** The fault's RTO against its {@code recovery[<fault>]} check; {@link #NEVER} when it did not recover. */
    static Judged recovery(SavedRun run, SavedFault f) {
        String actual = f.injectedAtMs() == null ? NOT_INJECTED
                : !f.recovered() ? NEVER
                : f.recoveryMs() == null ? NONE : Durations.figure(f.recoveryMs(), f.recoveryBoundMs());
        return judged(actual, run.checks().stream().filter(c -> f.name().equals(c.recoveryOf())).findFirst());
    }

    /**
     * The slowest time to detect over the run's injected faults with its bound (of two as slow, the wider bound),
     * {@link #NONE} when there is none.
     */
    static String slowestDetect(SavedRun run) {
        SavedFault slowest = null;
        for (SavedFault f : run.faults()) {
            if (f.injectedAtMs() == null || f.timeToDetectMs() == null) {
                continue;
            }
            if (slowest == null || Slowest.slower(f.timeToDetectMs(), f.timeToDetectBoundMs(),
                    slowest.timeToDetectMs(), slowest.timeToDetectBoundMs())) {
                slowest = f;
            }
        }
        return slowest == null ? NONE : Durations.figure(slowest.timeToDetectMs(), slowest.timeToDetectBoundMs());
    }

    /**
     * The slowest RTO over the run's injected faults ({@link #NEVER} if one did not recover), met when every
     * {@code recovery[...]} check is met, violated when one is not, unjudged when there is none.
     */
    static Judged slowestRecovery(SavedRun run) {
        Long rto = RunFigures.of(run, TrendFigure.RTO);
        String actual = RunFigures.neverRecovered(run) ? NEVER : rto == null ? NONE
                : Durations.figure(rto, RunFigures.boundOf(run, TrendFigure.RTO));
        List<SavedCheck> checks = run.checks().stream().filter(c -> c.recoveryOf() != null).toList();
        return new Judged(actual, null, checks.isEmpty() ? null : checks.stream().allMatch(SavedCheck::met));
    }

    /** The run's RPO against {@code integrity.rpo}; {@link #NONE} when not measured or the run was not drained. */
    static Judged rpo(SavedRun run) {
        Long rpo = RunFigures.of(run, TrendFigure.RPO);
        return judged(rpo == null ? NONE : Durations.figure(rpo), check(run, RPO_CHECK));
    }

    /** Work items lost, against {@code integrity.lost}; {@link #NONE} when the run stopped before its drain. */
    static Judged lost(SavedRun run) {
        return judged(items(RunFigures.of(run, TrendFigure.LOST)), check(run, LOST_CHECK));
    }

    /** Work items done twice, against {@code integrity.duplicated}; {@link #NONE} when not drained. */
    static Judged duplicated(SavedRun run) {
        return judged(items(RunFigures.of(run, TrendFigure.DUPLICATED)), check(run, DUPLICATED_CHECK));
    }

    private static String items(Long n) {
        return n == null ? NONE : String.valueOf(n);
    }

    /** Where the fault acted: {@code agent-crash on worker[0]}. */
    static String what(SavedFault f) {
        return f.type() + " on " + f.target();
    }

    static Optional<SavedCheck> check(SavedRun run, String name) {
        return run.checks().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static Judged judged(String actual, Optional<SavedCheck> check) {
        return check.map(c -> new Judged(actual, c.expected(), c.met())).orElseGet(() -> Judged.unjudged(actual));
    }
}
