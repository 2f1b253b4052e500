package dev.faultline.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the broker and the store are reachable right now, answered without blocking.
 *
 * <p>One background thread per dependency runs a cheap check every {@link #INTERVAL_MS} ms. A dependency counts as
 * up only if its last check succeeded and finished less than {@link #STALE_AFTER_MS} ms ago, so a check that hangs
 * (a paused container) turns it down within a second while {@code /ready} still answers at once.
 */
final class Readiness implements AutoCloseable {
    static final long INTERVAL_MS = 200;
    static final long STALE_AFTER_MS = 1000;

    /** What {@code /ready} reports. */
    record Snapshot(boolean brokerUp, boolean storeUp) {
        boolean ready() {
            return brokerUp && storeUp;
        }

        Map<String, Object> toJson(Role role) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", ready() ? "READY" : "NOT_READY");
            json.put("role", role.id());
            json.put("broker", brokerUp ? "UP" : "DOWN");
            json.put("store", storeUp ? "UP" : "DOWN");
            List<String> down = new ArrayList<>(2);
            if (!brokerUp) {
                down.add("broker");
            }
            if (!storeUp) {
                down.add("store");
            }
            json.put("down", down);
            return json;
        }
    }

    /** The outcome of the last finished check of one dependency. */
    static final class Check {
        private final BooleanSupplier check;
        private final LongSupplier clock;
        private volatile boolean ok;
        private volatile long finishedAt = Long.MIN_VALUE;

        Check(BooleanSupplier check, LongSupplier clock) {
            this.check = check;
            this.clock = clock;
        }

        void run() {
            boolean result;
            try {
                result = check.getAsBoolean();
            } catch (RuntimeException e) {
                result = false;
            }
            ok = result;
            finishedAt = clock.getAsLong();
        }

        boolean up() {
            return ok && clock.getAsLong() - finishedAt < STALE_AFTER_MS;
        }
    }

    private final Check broker;
    private final Check store;
    private final ScheduledExecutorService brokerThread = daemon("probe-broker");
    private final ScheduledExecutorService storeThread = daemon("probe-store");

    Readiness(BooleanSupplier brokerCheck, BooleanSupplier storeCheck) {
        LongSupplier clock = () -> System.nanoTime() / 1_000_000;
        this.broker = new Check(brokerCheck, clock);
        this.store = new Check(storeCheck, clock);
    }

    void start() {
        brokerThread.scheduleWithFixedDelay(broker::run, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
        storeThread.scheduleWithFixedDelay(store::run, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    Snapshot snapshot() {
        return new Snapshot(broker.up(), store.up());
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        brokerThread.shutdownNow();
        storeThread.shutdownNow();
    }
}
