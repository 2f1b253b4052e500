package dev.faultline.engine.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.model.RestartPolicy.Strategy;
import dev.faultline.engine.runtime.ContainerEvent;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Does what a process supervisor would: when an instance's process dies and its service's {@code restart} policy
 * says so, brings it back by the policy's strategy after its delay, and measures how long that took
 * ({@link TimelineEvent.InstanceRecovery}, from the death to the instance back):
 * <ul>
 * <li>{@code restart}: starts the same container; back when its health endpoint passes;</li>
 * <li>{@code restore}: as restart; back when its state endpoint also reports {@code restoredFrom};</li>
 * <li>{@code redeploy}: removes the container and creates a fresh one from the image; back when healthy;</li>
 * <li>{@code scale-down}: at once retires the instance (nothing replaces it); back when every remaining replica is
 * healthy, never when none remains.</li>
 * </ul>
 * Faults that take a service away on purpose (a broker stop) switch supervision off for it while they last.
 */
final class Supervisor implements AutoCloseable {
    /** How long an instance may take to be back before the supervisor gives up on it. */
    static final Duration BACK_UP_LIMIT = Duration.ofSeconds(60);
    private static final Duration POLL_EVERY = Duration.ofMillis(50);

    private final RunningTopology runtime;
    private final Timeline timeline;
    private final InstanceChecks checks;
    private final Duration backUpLimit;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-supervisor");
        t.setDaemon(true);
        return t;
    });
    /** Each recovery on its own thread: it waits for its instance, and instances come back at their own pace. */
    private final ExecutorService recoveries = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faultline-recovery");
        t.setDaemon(true);
        return t;
    });
    /** The recovery under way per instance; whoever removes it records its outcome, once. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile boolean active = true;

    Supervisor(RunningTopology runtime, Timeline timeline) {
        this(runtime, timeline, InstanceChecks.http(runtime), BACK_UP_LIMIT);
    }

    Supervisor(RunningTopology runtime, Timeline timeline, InstanceChecks checks, Duration backUpLimit) {
        this.runtime = runtime;
        this.timeline = timeline;
        this.checks = checks;
        this.backUpLimit = backUpLimit;
        runtime.onContainerEvent(this::onEvent);
    }

    /** One death being recovered from. */
    private record Pending(String instance, Strategy strategy, long diedAt) {
    }

    private void onEvent(ContainerEvent event) {
        if (!active) {
            return;
        }
        switch (event.action()) {
            case "die" -> onDeath(event);
            case "start" -> record(event.instance(), ServiceState.STARTED, "");
            case "pause" -> record(event.instance(), ServiceState.PAUSED, "");
            case "unpause" -> record(event.instance(), ServiceState.UNPAUSED, "");
            default -> {
                // kill events are followed by die; nothing to do
            }
        }
    }

    private void onDeath(ContainerEvent event) {
        long exitCode = event.exitCode() == null ? -1 : event.exitCode();
        String instance = event.instance();
        record(instance, ServiceState.DIED, "exit code " + exitCode);
        RestartPolicy policy = runtime.serviceOf(instance).restart();
        if (runtime.retired(instance) || !policy.restartsAfter(exitCode) || !runtime.supervised(instance)) {
            return;
        }
        // the delay and the recovery run from Docker's own time of death: the event can reach us a little late
        long lateNanos = event.timeNanos() <= 0 ? 0 : Math.max(0, epochNanos() - event.timeNanos());
        Pending death = new Pending(instance, policy.strategy(), timeline.now() - lateNanos / 1_000_000);
        Pending before = pending.put(instance, death);
        if (before != null) {
            outcome(before, false, "died again at " + death.diedAt() + " ms before it was back");
        }
        if (policy.strategy() == Strategy.SCALE_DOWN) {
            recoveries.execute(() -> scaleDown(death));
            return;
        }
        long delayNanos = Math.max(0, policy.delay().toNanos() - lateNanos);
        scheduler.schedule(() -> recoveries.execute(() -> bringBack(death)), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Restart, restore or redeploy: the instance again, then wait until it is back. */
    private void bringBack(Pending death) {
        String instance = death.instance();
        if (!active || pending.get(instance) != death) {
            return;
        }
        if (!runtime.supervised(instance)) {
            outcome(death, false, "supervision was switched off by a fault");
            return;
        }
        try {
            if (death.strategy() == Strategy.REDEPLOY) {
                runtime.redeploy(instance);
                record(instance, ServiceState.RESTARTED, "by restart policy: redeployed, a fresh container from "
                        + runtime.serviceOf(instance).image());
            } else if (!runtime.control().isRunning(instance)) {
                runtime.control().start(instance);
                record(instance, ServiceState.RESTARTED, "by restart policy");
            }
        } catch (RuntimeException e) {
            record(instance, ServiceState.RESTART_FAILED, e.getMessage());
            outcome(death, false, "could not be started: " + Failures.oneLine(e));
            return;
        }
        boolean restore = death.strategy() == Strategy.RESTORE;
        awaitBack(death, () -> checks.healthy(instance) && (!restore || checks.restored(instance)),
                restore ? "healthy and restored from a checkpoint" : "healthy",
                restore ? "not healthy and restored from a checkpoint" : "not healthy");
    }

    /** Scale-down: the instance leaves its service; back when every remaining replica is healthy. */
    private void scaleDown(Pending death) {
        String instance = death.instance();
        String service = runtime.serviceOf(instance).name();
        runtime.retire(instance);
        List<String> rest = runtime.serving(service);
        record(instance, ServiceState.RETIRED, "by restart policy: scaled down, " + service + " runs on "
                + rest.size() + " replica(s)" + (rest.isEmpty() ? "" : " " + rest));
        if (rest.isEmpty()) {
            outcome(death, false, "no replica of " + service + " left");
            return;
        }
        awaitBack(death, () -> rest.stream().allMatch(checks::healthy), "served by " + String.join(", ", rest),
                "not every remaining replica healthy (" + String.join(", ", rest) + ")");
    }

    private void awaitBack(Pending death, java.util.function.BooleanSupplier back, String backText,
                           String notBackText) {
        try {
            boolean ok = Poll.until(back, backUpLimit, POLL_EVERY, () -> !active || pending.get(death.instance()) != death);
            if (ok) {
                outcome(death, true, backText);
            } else if (active) {
                outcome(death, false, notBackText + " within " + backUpLimit.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: close() records what was still under way
        }
    }

    /** Records the outcome of {@code death} unless another did (a newer death, or the close). */
    private void outcome(Pending death, boolean recovered, String detail) {
        if (pending.remove(death.instance(), death)) {
            timeline.record(new TimelineEvent.InstanceRecovery(timeline.now(), death.instance(), death.strategy(),
                    death.diedAt(), recovered, detail));
        }
    }

    private void record(String instance, ServiceState change, String detail) {
        timeline.record(new TimelineEvent.ServiceChange(timeline.now(), instance, change, detail));
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Stops bringing anything back (before teardown); a recovery still under way is recorded as not back. */
    @Override
    public void close() {
        active = false;
        scheduler.shutdownNow();
        recoveries.shutdownNow();
        for (Pending death : List.copyOf(pending.values())) {
            outcome(death, false, "the run ended before it was back");
        }
    }
}
