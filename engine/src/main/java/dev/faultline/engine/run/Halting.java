package dev.faultline.engine.run;

import java.util.List;

import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * What a halt-when condition does to a run: abort it, stop the fault plan and revert every fault in force at once,
 * on a thread of its own (called on a sampler thread, so sampling goes on), and record on the timeline how long
 * that took after the condition became true. Once the run is closing it reverts everything itself, and a halt does
 * nothing.
 */
final class Halting implements HaltWatch.HaltHandler {
    private final Timeline timeline;
    private final RunStop stop;
    private FaultDriver faults;
    private Thread thread;
    private boolean closing;

    Halting(Timeline timeline, RunStop stop) {
        this.timeline = timeline;
        this.stop = stop;
    }

    /** The faults a halt stops; before this, a halt finds none in force. */
    synchronized void watch(FaultDriver faults) {
        this.faults = faults;
    }

    @Override
    public synchronized void halt(String probe, String why, long conditionTrueAt) {
        if (closing) {
            return;
        }
        FaultDriver driver = faults;
        // what is in force when the condition held, before the abort lets the run's own thread revert it too
        List<Integer> inForce = driver == null ? List.of() : driver.stopInjecting();
        stop.abort(why);
        thread = new Thread(() -> {
            FaultDriver.Halted halted = driver == null
                    ? new FaultDriver.Halted(List.of(), timeline.now()) : driver.revertAtOnce(inForce);
            timeline.record(new TimelineEvent.Halt(timeline.now(), probe, why, conditionTrueAt,
                    halted.lastRevertedAt(), halted.reverted()));
        }, "faultline-halt");
        thread.setDaemon(true);
        thread.start();
    }

    /** No halt starts after this; waits for one under way to finish reverting. */
    void close() {
        Thread under;
        synchronized (this) {
            closing = true;
            under = thread;
        }
        if (under == null) {
            return;
        }
        try {
            under.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
