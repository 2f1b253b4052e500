package dev.faultline.engine.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.runtime.ContainerEvent;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Does what a process supervisor would: when an instance's process dies and its service's {@code restart} policy
 * says so, starts it again after the policy's delay. Faults that take a service away on purpose (a broker stop)
 * switch supervision off for it while they last.
 */
final class Supervisor implements AutoCloseable {
    private final RunningTopology runtime;
    private final Timeline timeline;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean active = true;

    Supervisor(RunningTopology runtime, Timeline timeline) {
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
        record(event.instance(), ServiceState.DIED, "exit code " + exitCode);
        RestartPolicy policy = runtime.serviceOf(event.instance()).restart();
        if (!policy.restartsAfter(exitCode) || !runtime.supervised(event.instance())) {
            return;
        }
        // the delay runs from Docker's own time of death: the event can reach us a little late
        long lateNanos = event.timeNanos() <= 0 ? 0 : Math.max(0, epochNanos() - event.timeNanos());
        long delayNanos = Math.max(0, policy.delay().toNanos() - lateNanos);
        scheduler.schedule(() -> restart(event.instance()), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void restart(String instance) {
        if (!active || !runtime.supervised(instance)) {
            return;
        }
        try {
            if (!runtime.control().isRunning(instance)) {
                runtime.control().start(instance);
                record(instance, ServiceState.RESTARTED, "by restart policy");
            }
        } catch (RuntimeException e) {
            record(instance, ServiceState.RESTART_FAILED, e.getMessage());
        }
    }

    private void record(String instance, ServiceState change, String detail) {
        timeline.record(new TimelineEvent.ServiceChange(timeline.now(), instance, change, detail));
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
