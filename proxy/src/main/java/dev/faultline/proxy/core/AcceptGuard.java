package dev.faultline.proxy.core;

import dev.faultline.proxy.Log;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * Sits in a listening channel's pipeline, before Netty's acceptor, and keeps the listener alive whatever
 * clients do:
 * <ul>
 * <li>a connection over the limits of its {@link ConnectionGate} is closed at once, never queued;</li>
 * <li>when accepting fails (EMFILE/ENFILE: no file descriptor left) the listener stops accepting for a
 * back-off that doubles from 10 ms up to 1 s and resets after the next successful accept, so the loop
 * neither spins nor dies, and it says so at most once per {@link #LOG_INTERVAL_NANOS} with a count of what
 * it did not log. Nothing on this path loads classes or opens files (see {@link Log#preload()}).</li>
 * </ul>
 * One instance per listener; runs on the listener's event loop only.
 */
public final class AcceptGuard extends ChannelInboundHandlerAdapter {
    static final long MIN_BACKOFF_MILLIS = 10;
    static final long MAX_BACKOFF_MILLIS = 1000;
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String listenerName;
    private final ConnectionGate gate;
    private final Runnable onAccept;
    private long backoffMillis = MIN_BACKOFF_MILLIS;
    private boolean pausedForError;
    private long lastLogNanos;
    private boolean loggedOnce;
    private long unloggedErrors;
    private long unloggedRefusals;

    public AcceptGuard(String listenerName, ConnectionGate gate) {
        this(listenerName, gate, () -> { });
    }

    /** With {@code onAccept} run (on the listener's event loop) for every connection accepted, within limits or not. */
    public AcceptGuard(String listenerName, ConnectionGate gate, Runnable onAccept) {
        this.listenerName = listenerName;
        this.gate = gate;
        this.onAccept = onAccept;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        backoffMillis = MIN_BACKOFF_MILLIS;
        onAccept.run();
        if (!gate.tryAcquire()) {
            child.unsafe().closeForcibly();
            unloggedRefusals++;
            maybeLog("closed a new connection at once: " + gate.limit() + " connections are open, the limit");
            return;
        }
        child.closeFuture().addListener(f -> gate.release());
        ctx.fireChannelRead(child);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Netty's acceptor would pause for a fixed second and pass the error to the pipeline's tail, whose
        // logging needs classes and files that may be out of reach at this moment: handle it here instead.
        unloggedErrors++;
        maybeLog("cannot accept (" + cause.getMessage() + "); pausing for " + backoffMillis + " ms");
        if (pausedForError || !ctx.channel().isOpen()) {
            return;
        }
        pausedForError = true;
        ctx.channel().config().setAutoRead(false);
        long pause = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        ctx.channel().eventLoop().schedule(() -> {
            pausedForError = false;
            if (ctx.channel().isOpen()) {
                ctx.channel().config().setAutoRead(true);
            }
        }, pause, TimeUnit.MILLISECONDS);
    }

    private void maybeLog(String what) {
        long now = System.nanoTime();
        if (loggedOnce && now - lastLogNanos < LOG_INTERVAL_NANOS) {
            return;
        }
        loggedOnce = true;
        lastLogNanos = now;
        Log.warn(listenerName + ": " + what + " [since the last such line: " + unloggedErrors + " accept errors, "
                + unloggedRefusals + " connections over the limit]");
        unloggedErrors = 0;
        unloggedRefusals = 0;
    }
}
