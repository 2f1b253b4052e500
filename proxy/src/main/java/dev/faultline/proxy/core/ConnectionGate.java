package dev.faultline.proxy.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections of one listener against its own limit and a limit shared with other
 * listeners. Thread-safe; {@link #tryAcquire()} and {@link #release()} come in pairs.
 */
public final class ConnectionGate {
    private final int limit;
    private final AtomicInteger open = new AtomicInteger();
    private final ConnectionGate shared;

    private ConnectionGate(int limit, ConnectionGate shared) {
        this.limit = limit;
        this.shared = shared;
    }

    /** A gate of its own, e.g. the total over every proxy. */
    public static ConnectionGate of(int limit) {
        return new ConnectionGate(limit, null);
    }

    /** A gate that also counts against {@code shared}. */
    public ConnectionGate child(int childLimit) {
        return new ConnectionGate(childLimit, this);
    }

    /** Takes a place, or answers false (and takes nothing) when this gate or the shared one is full. */
    public boolean tryAcquire() {
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            return false;
        }
        if (shared != null && !shared.tryAcquire()) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    public void release() {
        open.decrementAndGet();
        if (shared != null) {
            shared.release();
        }
    }

    public int open() {
        return open.get();
    }

    public int limit() {
        return limit;
    }
}
