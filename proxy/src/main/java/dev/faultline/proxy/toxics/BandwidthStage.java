package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;

/**
 * Lets {@code rate} KB/s through. Each piece (at most 100 ms worth of bytes, as in Toxiproxy) is sent
 * when its transmission time has passed on a virtual clock that never builds up credit while idle.
 */
final class BandwidthStage extends QueueingStage {
    private static final long EARLY_TOLERANCE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private ToxicAttributes.Bandwidth attributes;
    private long readyAt = Long.MIN_VALUE;
    private int pieceBytes;

    BandwidthStage(ToxicAttributes.Bandwidth attributes, StageOutput out) {
        super(out);
        this.attributes = attributes;
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        if (queue.isEmpty() && pieceBytes == 0) {
            // Idle until now: no credit for the idle time. While data waits, the clock runs on from
            // the last piece, so a timer that fires late is caught up and the average rate holds.
            readyAt = Math.max(readyAt, out.nanoTime());
        }
        queue.add(Held.data(data, timestampNanos));
        pump();
    }

    @Override
    public void onEnd() {
        queue.add(Held.end(0));
        pump();
    }

    private void pump() {
        if (timer != null || detached) {
            return;
        }
        Held head;
        while ((head = queue.peek()) != null) {
            if (head.isEnd()) {
                queue.poll();
                out.end();
                continue;
            }
            long rate = attributes.rate();
            if (rate <= 0) {
                queue.poll();
                pieceBytes = 0;
                out.emit(head.data, head.time);
                continue;
            }
            long now = out.nanoTime();
            if (pieceBytes == 0) {
                pieceBytes = (int) Math.min(head.data.readableBytes(), Math.min(rate * 100, Integer.MAX_VALUE));
                readyAt += pieceBytes * 1_000_000L / rate;
            }
            long wait = readyAt - now;
            if (wait > EARLY_TOLERANCE_NANOS) {
                timer = out.schedule(this::fire, wait);
                return;
            }
            ByteBuf piece;
            if (pieceBytes >= head.data.readableBytes()) {
                queue.poll();
                piece = head.data;
            } else {
                piece = head.data.readRetainedSlice(pieceBytes);
            }
            pieceBytes = 0;
            out.emit(piece, head.time);
        }
    }

    private void fire() {
        timer = null;
        pump();
    }

    @Override
    public void update(ToxicAttributes attributes) {
        this.attributes = (ToxicAttributes.Bandwidth) attributes;
    }
}
