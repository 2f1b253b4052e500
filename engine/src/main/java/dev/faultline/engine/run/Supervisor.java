package dev.faultline.engine.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.runtime.ContainerEvent;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Does what a process supervisor would: when an instance's process dies and its service's {@code restart} policy
 * says so, starts it again after the policy's delay. Faults that take a service away on purpose (a broker stop)
 * switch supervision off for it while they last.
 */
final class Supervisor implements AutoCloseable {
    private final TopologyRuntime runtime;
    private final Timeline timeline;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean active = true;

    Supervisor(TopologyRuntime runtime, Timeline timeline) {
        this.runtime = runtime;
        this.timeline = timeline;
        runtime.onContainerEvent(this::onEvent);
    }

    private void onEvent(ContainerEvent event) {
        if (!active) {
            return;
        }
        switch (event.action()) {
            case "die" -> onDeath(event);
            case "start" -> timeline.record(new TimelineEvent.ServiceChange(timeline.now(), event.instance(), "started", ""));
            case "pause", "unpause" -> timeline.record(
                    new TimelineEvent.ServiceChange(timeline.now(), event.instance(), event.action() + "d", ""));
            default -> {
                // kill events are followed by die; nothing to do
            }
        }
    }

    private void onDeath(ContainerEvent event) {
        long exitCode = event.exitCode() == null ? -1 : event.exitCode();
        timeline.record(new TimelineEvent.ServiceChange(timeline.now(), event.instance(), "died", "exit code " + exitCode));
        RestartPolicy policy = runtime.serviceOf(event.instance()).restart();
        if (!policy.restartsAfter(exitCode) || !runtime.control().supervised(event.instance())) {
            return;
        }
        // the delay runs from Docker's own time of death: the event can reach us a little late
        long lateNanos = event.timeNanos() <= 0 ? 0 : Math.max(0, epochNanos() - event.timeNanos());
        long delayNanos = Math.max(0, policy.delay().toNanos() - lateNanos);
        scheduler.schedule(() -> restart(event.instance()), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void restart(String instance) {
        if (!active || !runtime.control().supervised(instance)) {
            return;
        }
        try {
            if (!runtime.control().isRunning(instance)) {
                runtime.control().start(instance);
                timeline.record(new TimelineEvent.ServiceChange(timeline.now(), instance, "restarted", "by restart policy"));
            }
        } catch (RuntimeException e) {
            timeline.record(new TimelineEvent.ServiceChange(timeline.now(), instance, "restart-failed", e.getMessage()));
        }
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Stops restarting anything (before teardown). */
    @Override
    public void close() {
        active = false;
        scheduler.shutdownNow();
    }
}
