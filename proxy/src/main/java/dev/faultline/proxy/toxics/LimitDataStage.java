package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;

/**
 * Passes the first {@code bytes} bytes, then ends the stream, which closes the connection. The count
 * survives attribute updates, as Toxiproxy's per-connection state does.
 */
final class LimitDataStage implements ToxicStage {
    private final StageOutput out;
    private ToxicAttributes.LimitData attributes;
    private long transmitted;
    private boolean closed;

    LimitDataStage(ToxicAttributes.LimitData attributes, StageOutput out) {
        this.attributes = attributes;
        this.out = out;
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        if (closed) {
            out.drop(data);
            return;
        }
        long remaining = Math.max(0, attributes.bytes() - transmitted);
        if (remaining < data.readableBytes()) {
            ByteBuf head = data.readRetainedSlice((int) remaining);
            out.drop(data);
            data = head;
        }
        int length = data.readableBytes();
        if (length > 0) {
            transmitted += length;
            out.emit(data, timestampNanos);
        } else {
            data.release();
        }
        if (attributes.bytes() - transmitted <= 0) {
            closed = true;
            out.end();
        }
    }

    @Override
    public void onEnd() {
        if (!closed) {
            closed = true;
            out.end();
        }
    }

    @Override
    public void update(ToxicAttributes attributes) {
        this.attributes = (ToxicAttributes.LimitData) attributes;
    }

    @Override
    public void drain() {
        // holds nothing
    }

    @Override
    public void discard() {
        closed = true;
    }
}
