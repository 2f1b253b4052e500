package dev.faultline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.AssertionFailedError;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Failures;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * A scenario running on a background thread, from {@link Faultline#start}. The test can wait, with a timeout, for
 * what happens on the live timeline, then for the result:
 *
 * <pre>{@code
 * try (RunningScenario run = Faultline.start(scenario)) {
 *     run.awaitFault("kill-worker", FaultState.VERIFIED, ofSeconds(90));
 *     // look at the system while the fault is in force
 *     RunResult result = run.result(ofMinutes(3));
 * }
 * }</pre>
 *
 * Every wait polls (with Awaitility) until what it waits for was recorded, the run ended without it (then it fails
 * at once, saying what the run did record), or the timeout passed; a failed wait throws
 * {@link AssertionFailedError}. {@link #cancel()} stops the run: every fault is reverted and every container
 * removed. {@link #close()} cancels a run still going and waits until it has cleaned up. Thread-safe.
 */
public final class RunningScenario implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** How long {@link #close()} gives a cancelled run to revert its faults and remove its containers. */
    static final Duration CLEAN_UP_TIMEOUT = Duration.ofMinutes(2);

    private final Scenario scenario;
    private final RunOptions.Cancellation cancellation;
    private final List<TimelineEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();

    private RunningScenario(Scenario scenario, RunOptions.Cancellation cancellation) {
        this.scenario = scenario;
        this.cancellation = cancellation;
    }

    /** Starts {@code runner} on {@code scenario} on a new thread; the thread keeps the JVM up until the run ends. */
    static RunningScenario start(Scenario scenario, RunOptions options,
                                 BiFunction<Scenario, RunOptions, RunResult> runner) {
        RunningScenario running = new RunningScenario(scenario, options.cancellation());
        Consumer<TimelineEvent> observer = options.observer();
        RunOptions watched = options.withObserver(e -> {
            running.events.add(e);
            observer.accept(e);
        });
        Thread thread = new Thread(() -> {
            try {
                running.result.complete(runner.apply(scenario, watched));
            } catch (Throwable t) {
                running.result.completeExceptionally(t);
            }
        }, "faultline-run-" + scenario.name());
        thread.start();
        return running;
    }

    public Scenario scenario() {
        return scenario;
    }

    /**
     * Waits until the run enters {@code phase} (see {@link RunPhase} for the order) and returns that event
     * ({@code t}: ms since the run started).
     *
     * @throws AssertionFailedError when the run ended without entering it, or {@code timeout} passed
     */
    public TimelineEvent.Phase awaitPhase(RunPhase phase, Duration timeout) {
        Objects.requireNonNull(phase, "phase");
        return awaitEvent("phase '" + phase.wire() + "'", timeout, TimelineEvent.Phase.class, p -> p.phase() == phase,
                () -> "phases so far: " + names(TimelineEvent.Phase.class, p -> true, p -> p.phase().wire()));
    }

    /**
     * Waits until {@code fault} goes through {@code change} ({@link FaultState#INJECTED}, {@link FaultState#VERIFIED},
     * {@link FaultState#REVERTED}, ...) and returns that event ({@code t}: ms since the run started;
     * {@code detail}: what was seen).
     *
     * @throws IllegalArgumentException when the scenario has no such fault
     * @throws AssertionFailedError     when the run ended without that change, or {@code timeout} passed
     */
    public TimelineEvent.FaultChange awaitFault(String fault, FaultState change, Duration timeout) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(change, "change");
        List<String> faults = scenario.faults().stream().map(FaultSpec::name).toList();
        if (!faults.contains(fault)) {
            throw new IllegalArgumentException("awaitFault: scenario " + scenario.name() + " has no fault '" + fault
                    + "'; its faults: " + (faults.isEmpty() ? "none" : String.join(", ", faults)));
        }
        return awaitEvent("fault " + fault + " " + change.wire(), timeout, TimelineEvent.FaultChange.class,
                c -> c.fault().equals(fault) && c.change() == change,
                () -> "changes of " + fault + " so far: " + names(TimelineEvent.FaultChange.class,
                        c -> c.fault().equals(fault), c -> c.change().wire()));
    }

    /**
     * Waits until the run has ended (faults reverted, containers removed, reports written) and returns its result.
     *
     * @throws AssertionFailedError when {@code timeout} passed first (the run goes on: cancel or close it)
     * @throws IllegalStateException when the harness itself failed rather than produce a result
     */
    public RunResult result(Duration timeout) {
        awaitEnd(timeout);
        try {
            return result.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the harness failed to run " + scenario.name() + ": "
                    + Failures.oneLine(e.getCause()), e.getCause());
        }
    }

    /**
     * Asks the run to stop and returns at once; the run then reverts every fault, removes its containers and ends
     * with verdict ABORTED ({@link #result(Duration)} waits for that). Cancelling twice does nothing more.
     */
    public void cancel() {
        if (!cancellation.cancelled()) {
            cancellation.cancel("cancelled by the test");
        }
    }

    /** Whether the run has ended. */
    public boolean isDone() {
        return result.isDone();
    }

    /** Every timeline event recorded so far, in order. */
    public List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Cancels the run if it is still going and waits until it has reverted its faults and removed its containers
     * (for at most two minutes).
     */
    @Override
    public void close() {
        if (!result.isDone()) {
            cancel();
            awaitEnd(CLEAN_UP_TIMEOUT);
        }
    }

    private void awaitEnd(Duration timeout) {
        requirePositive(timeout);
        try {
            await("the end of " + scenario.name(), timeout).until(result::isDone);
        } catch (ConditionTimeoutException e) {
            throw new AssertionFailedError(scenario.name() + ": the run did not end within " + Durations.text(timeout)
                    + "; phases so far: " + names(TimelineEvent.Phase.class, p -> true, p -> p.phase().wire()), e);
        }
    }

    private <E extends TimelineEvent> E awaitEvent(String what, Duration timeout, Class<E> type, Predicate<E> match,
                                                   Supplier<String> soFar) {
        requirePositive(timeout);
        try {
            await(what + " of " + scenario.name(), timeout).until(() -> find(type, match).isPresent()
                    || result.isDone());
        } catch (ConditionTimeoutException e) {
            throw new AssertionFailedError(scenario.name() + ": " + what + " did not happen within "
                    + Durations.text(timeout) + "; " + soFar.get(), e);
        }
        return find(type, match).orElseThrow(() -> new AssertionFailedError(scenario.name() + ": the run ended ("
                + outcome() + ") without " + what + "; " + soFar.get()));
    }

    /** Polls from the start; an uncaught exception on one of the harness's own threads is not the test's failure. */
    private static ConditionFactory await(String alias, Duration timeout) {
        return Awaitility.await(alias).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                .dontCatchUncaughtExceptions();
    }

    private <E extends TimelineEvent> Optional<E> find(Class<E> type, Predicate<E> match) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(match).findFirst();
    }

    private <E extends TimelineEvent> String names(Class<E> type, Predicate<E> match,
                                                   Function<E, String> name) {
        List<String> names = events.stream().filter(type::isInstance).map(type::cast).filter(match).map(name)
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private String outcome() {
        if (result.isCompletedExceptionally()) {
            return "the harness failed";
        }
        RunResult r = result.join();
        return "verdict " + r.verdict() + ": " + r.reason();
    }

    private static void requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be greater than 0, but was " + timeout);
        }
    }
}
