package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;

/**
 * Delays each chunk until {@code arrival + latency ± jitter}, keeping order. Like Toxiproxy, the delay
 * counts from the chunk's timestamp, so chained latency toxics add up, and the end of the stream
 * follows the last chunk without further delay.
 */
final class LatencyStage extends QueueingStage {
    private static final long EARLY_TOLERANCE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private ToxicAttributes.Latency attributes;
    private long lastDue = Long.MIN_VALUE;

    LatencyStage(ToxicAttributes.Latency attributes, StageOutput out) {
        super(out);
        this.attributes = attributes;
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        long due = timestampNanos + delayNanos();
        if (due < lastDue) {
            due = lastDue;
        }
        lastDue = due;
        if (queue.isEmpty() && due - out.nanoTime() <= EARLY_TOLERANCE_NANOS) {
            out.emit(data, due);
            return;
        }
        queue.add(Held.data(data, due));
        arm();
    }

    @Override
    public void onEnd() {
        if (queue.isEmpty()) {
            out.end();
        } else {
            queue.add(Held.end(lastDue));
        }
    }

    private long delayNanos() {
        long millis = attributes.latency();
        long jitter = attributes.jitter();
        if (jitter > 0) {
            millis += out.random().nextLong(jitter * 2) - jitter;
        }
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private void arm() {
        if (timer == null && !queue.isEmpty()) {
            timer = out.schedule(this::fire, queue.peek().time - out.nanoTime());
        }
    }

    private void fire() {
        timer = null;
        if (detached) {
            return;
        }
        long now = out.nanoTime();
        Held head;
        while ((head = queue.peek()) != null && head.time - now <= EARLY_TOLERANCE_NANOS) {
            queue.poll();
            if (head.isEnd()) {
                out.end();
            } else {
                out.emit(head.data, head.time);
            }
        }
        arm();
    }

    @Override
    public void update(ToxicAttributes attributes) {
        this.attributes = (ToxicAttributes.Latency) attributes;
    }
}
