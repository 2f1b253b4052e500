package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/** Data (or the end of the stream, when {@code data} is null) that a stage holds back, in order. */
final class Held {
    final ByteBuf data;
    long time;

    private Held(ByteBuf data, long time) {
        this.data = data;
        this.time = time;
    }

    static Held data(ByteBuf data, long time) {
        return new Held(data, time);
    }

    static Held end(long time) {
        return new Held(null, time);
    }

    boolean isEnd() {
        return data == null;
    }

    /** Emits everything queued, in order, including a queued end. */
    static void emitAll(ArrayDeque<Held> queue, StageOutput out) {
        Held held;
        while ((held = queue.poll()) != null) {
            if (held.isEnd()) {
                out.end();
            } else {
                out.emit(held.data, held.time);
            }
        }
    }

    /** Drops everything queued. */
    static void dropAll(ArrayDeque<Held> queue, StageOutput out) {
        Held held;
        while ((held = queue.poll()) != null) {
            if (!held.isEnd()) {
                out.drop(held.data);
            }
        }
    }
}
