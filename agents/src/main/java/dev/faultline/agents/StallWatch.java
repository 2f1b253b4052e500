package dev.faultline.agents;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes when the whole process stood still, for the accuracy benchmark (cli/bench/accuracy): a thread wakes every
 * millisecond, and when it finds more than {@link #STALL} passed since its last wake it logs
 * {@code faultline-agent stalled from <epoch µs> to <epoch µs>}: the last wake before the stall and the first after
 * it. A frozen container (docker pause) stalls every thread at once, so those are its freeze and thaw to about a
 * millisecond, from the agent's own side. Off unless {@code AGENT_STALL_WATCH=on}: it costs a wake per millisecond.
 */
final class StallWatch {
    static final long STALL = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long BEAT = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);

    private StallWatch() {}

    /** Starts the watch when {@code setting} is {@code on}; any other value (or none) leaves it off. */
    static void startIf(String setting) {
        if (!"on".equals(setting)) {
            return;
        }
        Thread t = new Thread(StallWatch::watch, "stall-watch");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
    }

    private static void watch() {
        long last = System.nanoTime();
        Instant lastAt = Instant.now();
        while (true) {
            LockSupport.parkNanos(BEAT);
            long now = System.nanoTime();
            Instant nowAt = Instant.now();
            if (now - last > STALL) {
                log.info("faultline-agent stalled from {} to {}", micros(lastAt), micros(nowAt));
            }
            last = now;
            lastAt = nowAt;
        }
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
