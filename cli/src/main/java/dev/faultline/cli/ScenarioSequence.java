package dev.faultline.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Failures;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Runner;
import dev.faultline.engine.run.Verdict;

/**
 * Scenarios run one after the other with live progress, as {@code faultline run} and {@code faultline drill run} do:
 * Ctrl-C, SIGTERM and any other way out of the JVM cancel the scenario running (its faults reverted, its containers
 * removed, its results written) and start no other. After each scenario a caller may stop the sequence.
 */
public final class ScenarioSequence {
    private ScenarioSequence() {
    }

    /** Called after each scenario: {@code null} to go on, or why the sequence stops. */
    @FunctionalInterface
    public interface AfterEach {
        /**
         * @param result the scenario's result; {@code null} when the harness failed on it and it has none
         */
        String next(Scenario scenario, RunResult result);
    }

    /**
     * What the sequence came to.
     *
     * @param results      the results of the scenarios that have one, in run order
     * @param harnessFailed whether the harness failed on a scenario (it has no result)
     * @param stoppedBy    why the caller stopped the sequence early; null when it did not
     * @param cancelled    why it was cancelled (a signal, the JVM ending); null when it was not
     */
    public record Outcome(List<RunResult> results, boolean harnessFailed, String stoppedBy, String cancelled) {
        public Outcome {
            results = List.copyOf(results);
        }

        /** The worst verdict: ERROR if the harness failed, ABORTED if cancelled with all else passing. */
        public Verdict worst() {
            Verdict worst = harnessFailed ? Verdict.ERROR : Verdict.PASSED;
            for (RunResult r : results) {
                worst = worst.worst(r.verdict());
            }
            if (cancelled != null && worst == Verdict.PASSED) {
                worst = Verdict.ABORTED;
            }
            return worst;
        }
    }

    /**
     * Runs {@code scenarios} into {@code reportDir} under a fresh cancellation bound to Ctrl-C and JVM shutdown;
     * {@code atEnd} (the summary, the reports) runs before the JVM may end.
     */
    public static Outcome run(List<Scenario> scenarios, Path reportDir, Long seed, PrintStream out, String command,
                              AfterEach afterEach, Consumer<Outcome> atEnd) {
        RunOptions.Cancellation cancellation = new RunOptions.Cancellation();
        return guarded(out, cancellation, () -> {
            Outcome outcome = runAll(scenarios, reportDir, seed, out, command, afterEach, cancellation);
            atEnd.accept(outcome);
            return outcome;
        });
    }

    /**
     * Runs {@code body} with Ctrl-C and SIGTERM cancelling {@code cancellation}, and a shutdown hook that cancels it
     * and waits (up to 2 min) for {@code body} to end, so its faults are reverted before the JVM goes.
     */
    public static <T> T guarded(PrintStream out, RunOptions.Cancellation cancellation, Supplier<T> body) {
        CountDownLatch finished = new CountDownLatch(1);
        Interrupts.onInterrupt(out, cancellation);
        Thread hook = new Thread(() -> {
            if (!cancellation.cancelled()) {
                cancellation.cancel("the JVM is shutting down");
            }
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "faultline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.get();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what waits for this
            }
        }
    }

    /** Binds Ctrl-C and SIGTERM to {@code cancellation} (again, after another took them). */
    public static void onInterrupt(PrintStream out, RunOptions.Cancellation cancellation) {
        Interrupts.onInterrupt(out, cancellation);
    }

    private static Outcome runAll(List<Scenario> scenarios, Path reportDir, Long seed, PrintStream out,
                                  String command, AfterEach afterEach, RunOptions.Cancellation cancellation) {
        List<RunResult> results = new ArrayList<>();
        boolean harnessFailed = false;
        String stoppedBy = null;
        Runner runner = new Runner();
        for (Scenario scenario : scenarios) {
            if (cancellation.cancelled()) {
                break;
            }
            out.printf("%n== %s: %s%n", scenario.name(), scenario.description());
            Progress progress = new Progress(out, scenario);
            RunOptions options = RunOptions.to(reportDir).withObserver(progress).withCancellation(cancellation);
            if (seed != null) {
                options = options.withSeed(seed);
            }
            RunResult result;
            try {
                result = runner.run(scenario, options);
            } catch (RuntimeException e) { // the runner's own defect: this scenario has no result
                progress.close();
                System.err.printf("%s: %s: harness error: %s%n", command, scenario.name(), Failures.oneLine(e));
                harnessFailed = true;
                result = null;
            }
            if (result != null) {
                progress.close();
                results.add(result);
                Path saved = result.reportDir().resolve("result.json");
                out.printf("== %s: %s (%s)%n   results: %s%n", scenario.name(), result.verdict(), result.reason(),
                        Files.isRegularFile(saved) ? saved : "not saved");
                if (result.verdict() == Verdict.ERROR) {
                    System.err.printf("%s: %s: harness error: %s%n", command, scenario.name(),
                            result.reason().replaceAll("\\p{Cntrl}", "?"));
                }
            }
            stoppedBy = afterEach.next(scenario, result);
            if (stoppedBy != null) {
                break;
            }
        }
        return new Outcome(results, harnessFailed, stoppedBy,
                cancellation.cancelled() ? cancellation.reason() : null);
    }
}
