package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Passes data straight on; holds the end of the stream for {@code delay} ms. */
final class SlowCloseStage implements ToxicStage {
    private final StageOutput out;
    private ToxicAttributes.SlowClose attributes;
    private Future<?> timer;
    private boolean endHeld;

    SlowCloseStage(ToxicAttributes.SlowClose attributes, StageOutput out) {
        this.attributes = attributes;
        this.out = out;
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        out.emit(data, timestampNanos);
    }

    @Override
    public void onEnd() {
        if (endHeld) {
            return;
        }
        if (attributes.delay() <= 0) {
            out.end();
            return;
        }
        endHeld = true;
        timer = out.schedule(this::release, TimeUnit.MILLISECONDS.toNanos(attributes.delay()));
    }

    private void release() {
        timer = null;
        if (endHeld) {
            endHeld = false;
            out.end();
        }
    }

    @Override
    public void update(ToxicAttributes attributes) {
        this.attributes = (ToxicAttributes.SlowClose) attributes;
    }

    @Override
    public void drain() {
        cancel();
        if (endHeld) {
            endHeld = false;
            out.end();
        }
    }

    @Override
    public void discard() {
        cancel();
        endHeld = false;
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
