package dev.faultline.engine.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * The drain phase of one run: the load driver reads its results until every accepted item completed, or until the
 * system provably holds no more work ({@link DrainRule}, judged here over the agents' state, asked every
 * {@link #EVERY} on a thread of its own), or until the scenario's {@code drain} passes. The timeline notes which.
 */
final class Drain implements AutoCloseable {
    static final Duration EVERY = Duration.ofMillis(250);
    /** An instance that does not answer within this counts as unreadable (a frozen agent): the round holds work. */
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);

    private final Supplier<List<StateReader.Answer>> ask;
    private final DrainRule rule;
    private final Timeline timeline;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-drain-state");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean settled;

    Drain(Supplier<List<StateReader.Answer>> ask, DrainRule rule, Timeline timeline) {
        this.ask = ask;
        this.rule = rule;
        this.timeline = timeline;
    }

    /** Drains {@code load} for at most {@code max} and notes on the timeline why the drain ended. */
    static LoadDriver.DrainEnd run(LoadDriver.Running load, Duration max, RunningTopology runtime, Timeline timeline)
            throws InterruptedException {
        StateReader reader = new StateReader(runtime, timeline);
        return run(load, max, new DrainRule(runtime.topology(), DrainRule.SETTLE, runtime::retired), () -> reader.askAll(ASK_TIMEOUT),
                timeline);
    }

    /** As {@link #run(LoadDriver.Running, Duration, RunningTopology, Timeline)}, asking {@code ask} for the state. */
    static LoadDriver.DrainEnd run(LoadDriver.Running load, Duration max, DrainRule rule,
                                   Supplier<List<StateReader.Answer>> ask, Timeline timeline)
            throws InterruptedException {
        if (!rule.applies()) {
            LoadDriver.DrainEnd end = load.drain(max);
            note(timeline, end, max, null);
            return end;
        }
        try (Drain drain = new Drain(ask, rule, timeline)) {
            drain.start();
            LoadDriver.DrainEnd end = load.drain(max, drain::nothingHeld);
            note(timeline, end, max, drain);
            return end;
        }
    }

    /** Starts asking: one round at once, then one every {@link #EVERY} after the previous round ended. */
    void start() {
        rounds.scheduleWithFixedDelay(this::round, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            List<StateReader.Answer> answers = ask.get();
            settled = rule.observe(timeline.now(), answers);
        } catch (RuntimeException e) {
            settled = false; // a round that cannot be judged proves nothing; keep the schedule alive
        }
    }

    /**
     * Whether the system has held no work for the settling period, as of a round that ended before this call:
     * a read of the results after a true answer sees every completion there will be.
     */
    boolean nothingHeld() {
        return settled;
    }

    /** Notes why the drain ended; {@code drain} is null when the topology has no state to judge. */
    private static void note(Timeline timeline, LoadDriver.DrainEnd end, Duration max, Drain drain) {
        String why = switch (end) {
            case ALL_COMPLETED -> "every accepted item completed";
            case NOTHING_HELD -> String.format(Locale.ROOT, "nothing held for %s (every state answer empty since"
                    + " %.1fs): what is still pending will never complete", Durations.text(drain.rule.settle()),
                    drain.rule.idleSince() / 1000.0);
            case DEADLINE -> "its limit of " + Durations.text(max) + " passed" + stillHeld(drain);
            case STOPPED -> null;
        };
        if (why != null) {
            timeline.record(new TimelineEvent.Note(timeline.now(), "drain ended: " + why));
        }
    }

    /** What the last round of state answers showed held, for a drain that ran to its limit; empty without one. */
    private static String stillHeld(Drain drain) {
        List<String> held = drain == null ? List.of() : drain.rule.lastHeld();
        if (held.isEmpty()) {
            return "";
        }
        int shown = Math.min(held.size(), 4);
        return "; the last state round showed held: " + String.join(", ", held.subList(0, shown))
                + (held.size() > shown ? " and " + (held.size() - shown) + " more" : "");
    }

    @Override
    public void close() {
        rounds.shutdownNow();
    }
}
