package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;

/**
 * What one toxic does to one direction of one connection. All methods run on the connection's event
 * loop, so a stage needs no locking. A stage owns every buffer it receives until it emits or drops it.
 */
public interface ToxicStage {
    /** Data arrived at {@code timestampNanos} ({@link System#nanoTime()} clock). */
    void onData(ByteBuf data, long timestampNanos);

    /** The source finished; pass the end on (now or later) with {@link StageOutput#end()}. */
    void onEnd();

    /** The toxic's attributes changed; keep per-connection state (e.g. bytes counted so far). */
    void update(ToxicAttributes attributes);

    /**
     * The toxic was removed while the connection lives: emit everything held, in order, now (and a held
     * end), and stop all timers. Nothing may be emitted afterwards.
     */
    void drain();

    /** The connection is gone: release everything held and stop all timers. */
    void discard();
}
