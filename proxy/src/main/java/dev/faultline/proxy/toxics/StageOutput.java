package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.Random;
import java.util.concurrent.Future;

/** Where a {@link ToxicStage} sends what it lets through, and the few services it may use. */
public interface StageOutput {
    /** Passes data on to the next toxic (or the destination socket); ownership moves with it. */
    void emit(ByteBuf data, long timestampNanos);

    /** Passes the end of the stream on; the destination closes once everything before it is written. */
    void end();

    /** Discards data this stage will never pass on. */
    void drop(ByteBuf data);

    /** Closes both sockets of the connection with TCP RST (SO_LINGER 0). */
    void resetConnection();

    /** Runs {@code task} on the connection's event loop after {@code delayNanos}. */
    Future<?> schedule(Runnable task, long delayNanos);

    long nanoTime();

    /** The server's random source (seeded by {@code -seed}). */
    Random random();
}
