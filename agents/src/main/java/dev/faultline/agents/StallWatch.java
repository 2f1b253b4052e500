package dev.faultline.agents;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>Each wake's time is also written to a memory-mapped file ({@link #BEAT_FILE}, in the container's own file
 * system), which the kernel keeps when the process is killed: the next process started in the container logs
 * {@code faultline-agent previous process last awake at <epoch µs>}: a SIGKILL came after that wake (the process was
 * alive then). Not necessarily within a millisecond of it: on a busy host this thread is not woken every millisecond
 * (the accuracy benchmark saw the agent serve 12 ms after its last wake).
 */
final class StallWatch {
    static final long STALL = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long BEAT = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);
    static final Path BEAT_FILE = Path.of("/tmp/faultline-stall-watch.beat");

    private StallWatch() {}

    /** Starts the watch when {@code setting} is {@code on}; any other value (or none) leaves it off. */
    static void startIf(String setting) {
        if (!"on".equals(setting)) {
            return;
        }
        start(BEAT_FILE);
    }

    /** Starts the watch, keeping its beat in {@code beatFile}. */
    static void start(Path beatFile) {
        MappedByteBuffer beat = beat(beatFile);
        Thread t = new Thread(() -> watch(beat), "stall-watch");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
    }

    /**
     * Logs the last wake a previous process wrote to {@code file}, if any, and maps it for this one's; null (no beat
     * kept) when the file cannot be used.
     */
    static MappedByteBuffer beat(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer beat = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
            long previous = beat.getLong(0);
            if (previous > 0) {
                log.info("faultline-agent previous process last awake at {}", previous);
            }
            beat.putLong(0, micros(Instant.now()));
            return beat;
        } catch (IOException | RuntimeException e) {
            log.warn("faultline-agent stall watch keeps no beat in {}: {}", file, e.toString());
            return null;
        }
    }

    private static void watch(MappedByteBuffer beat) {
        long last = System.nanoTime();
        Instant lastAt = Instant.now();
        while (true) {
            LockSupport.parkNanos(BEAT);
            long now = System.nanoTime();
            Instant nowAt = Instant.now();
            if (now - last > STALL) {
                log.info("faultline-agent stalled from {} to {}", micros(lastAt), micros(nowAt));
            }
            if (beat != null) {
                beat.putLong(0, micros(nowAt));
            }
            last = now;
            lastAt = nowAt;
        }
    }

    /** An instant as epoch microseconds, as the watch writes and logs them. */
    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
