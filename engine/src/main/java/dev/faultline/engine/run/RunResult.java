package dev.faultline.engine.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.RunRecord;

/**
 * What one run came to: the facts ({@code record}), the figures measured from them, every objective's checks, and
 * the verdict with its reason ({@code reason} names the violated objective, the abort or the error).
 */
public record RunResult(RunRecord record, Measurements measurements, List<Objective.Check> checks, Verdict verdict,
                        String reason, Instant finishedAt, Path reportDir) {

    public RunResult {
        checks = List.copyOf(checks);
    }

    public String scenario() {
        return record.scenario().name();
    }

    public List<Objective.Check> violations() {
        return checks.stream().filter(c -> !c.met()).toList();
    }
}
