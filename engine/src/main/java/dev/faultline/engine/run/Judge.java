package dev.faultline.engine.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.RunRecord;

/**
 * Gives a run its verdict: ERROR when the harness failed, ABORTED when the run stopped early, else PASSED when
 * every objective's checks are met and FAILED naming each one that is not. An objective that throws counts as not
 * met.
 */
final class Judge {
    private Judge() {
    }

    static RunResult judge(RunRecord record, Measurements measurements, RunStop stop, Path reportDir) {
        if (stop.errorReason() != null) {
            return result(record, measurements, List.of(), Verdict.ERROR, stop.errorReason(), reportDir);
        }
        if (stop.abortReason() != null) {
            return result(record, measurements, List.of(), Verdict.ABORTED, stop.abortReason(), reportDir);
        }
        List<Objective.Check> checks = new ArrayList<>();
        for (Objective o : record.scenario().objectives()) {
            try {
                checks.addAll(o.evaluate(record, measurements));
            } catch (RuntimeException e) {
                checks.add(new Objective.Check(o.name(), "evaluable", "error: " + e, false));
            }
        }
        List<String> violated = checks.stream().filter(c -> !c.met())
                .map(c -> c.name() + " expected " + c.expected() + " but was " + c.actual()).toList();
        if (violated.isEmpty()) {
            List<String> close = checks.stream().filter(Objective.Check::straddles)
                    .map(c -> c.name() + " " + c.actual() + " against " + c.expected()).toList();
            return result(record, measurements, checks, Verdict.PASSED, "every objective met"
                    + (close.isEmpty() ? "" : "; judged on the measured value, but " + String.join("; ", close)),
                    reportDir);
        }
        return result(record, measurements, checks, Verdict.FAILED,
                String.join("; ", violated) + samplingNote(measurements), reportDir);
    }

    /** A FAILED verdict on an overloaded host says so: some failures may be the host's. */
    private static String samplingNote(Measurements measurements) {
        if (measurements.sampling().lateTicks() <= 0) {
            return "";
        }
        return " (note: the harness itself fell up to " + Durations.figure(measurements.sampling().worstLagMs())
                + " behind its sampling schedule, " + measurements.sampling().lateTicks()
                + " late tick(s): the host was overloaded, so some failures may be the host's)";
    }

    private static RunResult result(RunRecord record, Measurements measurements, List<Objective.Check> checks,
                                    Verdict verdict, String reason, Path reportDir) {
        return new RunResult(record, measurements, checks, verdict, reason, Instant.now(), reportDir);
    }
}
