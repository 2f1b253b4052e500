package dev.faultline.proxy.toxics;

import java.util.ArrayDeque;
import java.util.concurrent.Future;

/**
 * A stage that holds data in a queue and releases it from a timer (latency, bandwidth, slicer). Removing the
 * toxic emits what is held in order; losing the connection drops it; either way the timer stops for good.
 */
abstract class QueueingStage implements ToxicStage {
    protected final StageOutput out;
    protected final ArrayDeque<Held> queue = new ArrayDeque<>();
    /** The pending release, or {@code null}. */
    protected Future<?> timer;
    /** Set once drained or discarded: nothing may be emitted or scheduled afterwards. */
    protected boolean detached;

    protected QueueingStage(StageOutput out) {
        this.out = out;
    }

    @Override
    public final void drain() {
        stop();
        Held.emitAll(queue, out);
    }

    @Override
    public final void discard() {
        stop();
        Held.dropAll(queue, out);
    }

    private void stop() {
        detached = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
