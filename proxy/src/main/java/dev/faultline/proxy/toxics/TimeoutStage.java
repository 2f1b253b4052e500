package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Holds every byte (and the end of the stream) while present. With {@code timeout > 0} it closes the
 * connection that many milliseconds after it took effect, discarding what it held; with 0 it never
 * closes. When the toxic is removed, what it held flows on in order.
 */
final class TimeoutStage implements ToxicStage {
    private final StageOutput out;
    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private ToxicAttributes.Timeout attributes;
    private Future<?> timer;
    private boolean closed;

    TimeoutStage(ToxicAttributes.Timeout attributes, StageOutput out) {
        this.attributes = attributes;
        this.out = out;
        arm();
    }

    private void arm() {
        if (attributes.timeout() > 0) {
            timer = out.schedule(this::expire, TimeUnit.MILLISECONDS.toNanos(attributes.timeout()));
        }
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        if (closed) {
            out.drop(data);
        } else {
            queue.add(Held.data(data, timestampNanos));
        }
    }

    @Override
    public void onEnd() {
        if (!closed) {
            queue.add(Held.end(0));
        }
    }

    private void expire() {
        timer = null;
        if (closed) {
            return;
        }
        closed = true;
        Held.dropAll(queue, out);
        out.end();
    }

    @Override
    public void update(ToxicAttributes attributes) {
        this.attributes = (ToxicAttributes.Timeout) attributes;
        if (!closed) {
            cancel();
            arm();
        }
    }

    @Override
    public void drain() {
        cancel();
        if (!closed) {
            closed = true;
            Held.emitAll(queue, out);
        }
    }

    @Override
    public void discard() {
        cancel();
        closed = true;
        Held.dropAll(queue, out);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
