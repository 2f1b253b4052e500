package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * As in Toxiproxy: the first data (or the end of the stream) to arrive starts a {@code timeout} ms
 * timer, after which both sockets are closed with TCP RST. Data arriving meanwhile is discarded.
 */
final class ResetPeerStage implements ToxicStage {
    private final StageOutput out;
    private ToxicAttributes.ResetPeer attributes;
    private Future<?> timer;
    private boolean triggered;
    private boolean endSeen;

    ResetPeerStage(ToxicAttributes.ResetPeer attributes, StageOutput out) {
        this.attributes = attributes;
        this.out = out;
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        out.drop(data);
        trigger();
    }

    @Override
    public void onEnd() {
        endSeen = true;
        trigger();
    }

    private void trigger() {
        if (triggered) {
            return;
        }
        triggered = true;
        if (attributes.timeout() <= 0) {
            out.resetConnection();
        } else {
            timer = out.schedule(this::reset, TimeUnit.MILLISECONDS.toNanos(attributes.timeout()));
        }
    }

    private void reset() {
        timer = null;
        out.resetConnection();
    }

    @Override
    public void update(ToxicAttributes attributes) {
        this.attributes = (ToxicAttributes.ResetPeer) attributes;
    }

    @Override
    public void drain() {
        cancel();
        if (endSeen) {
            out.end();
        }
    }

    @Override
    public void discard() {
        cancel();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
