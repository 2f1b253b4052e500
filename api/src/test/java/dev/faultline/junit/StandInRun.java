package dev.faultline.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;

/**
 * Stands in for the Runner (configuration parameter {@code faultline.junit.runner}), starting nothing: writes a
 * {@code result.json} and a {@code report.html} into the run's folder and judges two checks, recovery.within (met)
 * and integrity.lost (violated for a scenario whose name starts with {@code lossy}), as the Runner's judge words them.
 */
public final class StandInRun implements BiFunction<Scenario, RunOptions, RunResult> {
    static final Objective.Check RECOVERED = new Objective.Check("recovery.within", "<= 15s", "2.4s", true);
    static final Objective.Check NOTHING_LOST = new Objective.Check("integrity.lost", "<= 0", "0", true);
    static final Objective.Check THREE_LOST = new Objective.Check("integrity.lost", "<= 0", "3", false);

    @Override
    public RunResult apply(Scenario scenario, RunOptions options) {
        Path dir = options.reportDir().resolve(scenario.name());
        List<Objective.Check> checks = List.of(RECOVERED,
                scenario.name().startsWith("lossy") ? THREE_LOST : NOTHING_LOST);
        List<String> violated = checks.stream().filter(c -> !c.met())
                .map(c -> c.name() + " expected " + c.expected() + " but was " + c.actual()).toList();
        Verdict verdict = violated.isEmpty() ? Verdict.PASSED : Verdict.FAILED;
        write(dir.resolve("result.json"), "{\"scenario\":\"" + scenario.name() + "\",\"verdict\":\"" + verdict + "\"}");
        write(dir.resolve("report.html"), "<html><body>" + scenario.name() + "</body></html>");
        RunRecord record = new RunRecord(scenario, scenario.name() + "-stand-in", Instant.EPOCH, new Timeline(),
                new Ledger(), List.of(), Map.of(), -1, -1, -1);
        return new RunResult(record, Measurements.of(record, Duration.ofSeconds(3)), checks, verdict,
                violated.isEmpty() ? "every objective met" : String.join("; ", violated), Instant.EPOCH, dir);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
