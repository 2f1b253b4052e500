package dev.faultline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Stands in for the Runner, starting nothing: hands its events to the run's observer, then either ends at once
 * (verdict PASSED) or, when held open, waits until the run is cancelled (verdict ABORTED with the cancellation's
 * reason) or {@link #finish()} is called.
 */
final class ScriptedRun implements BiFunction<Scenario, RunOptions, RunResult> {
    private static final long HOLD_LIMIT_SECONDS = 60;

    private final List<TimelineEvent> events;
    private final boolean heldOpen;
    private final CountDownLatch end = new CountDownLatch(1);

    private ScriptedRun(List<TimelineEvent> events, boolean heldOpen) {
        this.events = List.copyOf(events);
        this.heldOpen = heldOpen;
    }

    static ScriptedRun endingAfter(TimelineEvent... events) {
        return new ScriptedRun(List.of(events), false);
    }

    static ScriptedRun heldOpenAfter(TimelineEvent... events) {
        return new ScriptedRun(List.of(events), true);
    }

    static TimelineEvent.Phase phase(long t, RunPhase phase) {
        return new TimelineEvent.Phase(t, phase);
    }

    static TimelineEvent.FaultChange fault(long t, String fault, FaultState change) {
        return new TimelineEvent.FaultChange(t, fault, change, change.wire() + " detail");
    }

    /** Lets a held-open run end with verdict PASSED. */
    void finish() {
        end.countDown();
    }

    @Override
    public RunResult apply(Scenario scenario, RunOptions options) {
        events.forEach(options.observer());
        if (heldOpen) {
            options.cancellation().onCancel(end::countDown);
            try {
                if (!end.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("scripted run held open for over " + HOLD_LIMIT_SECONDS + "s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        boolean cancelled = options.cancellation().cancelled();
        return result(scenario, cancelled ? Verdict.ABORTED : Verdict.PASSED,
                cancelled ? "cancelled: " + options.cancellation().reason() : "every objective met");
    }

    private static RunResult result(Scenario scenario, Verdict verdict, String reason) {
        RunRecord record = new RunRecord(scenario, scenario.name() + "-scripted", Instant.EPOCH, new Timeline(),
                new Ledger(), List.of(), Map.of(), -1, -1, -1);
        return new RunResult(record, Measurements.of(record, Duration.ofSeconds(3)), List.of(), verdict, reason,
                Instant.EPOCH, Path.of("target/faultline").resolve(scenario.name()));
    }
}
