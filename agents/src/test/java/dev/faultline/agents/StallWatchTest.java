package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stall watch's beat outlives a process killed with SIGKILL, and holds a wake from just before its end. */
class StallWatchTest {
    @TempDir
    Path dir;

    /** A process that only runs the stall watch, its beat in the file given. */
    public static void main(String[] args) {
        StallWatch.start(Path.of(args[0]));
        LockSupport.park();
    }

    private static long beat(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length < Long.BYTES ? 0 : ByteBuffer.wrap(bytes).getLong();
    }

    @Test
    void aKilledProcessLeavesItsLastWakeBehind() throws Exception {
        Path file = dir.resolve("beat");
        long started = StallWatch.micros(Instant.now());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StallWatchTest.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((!Files.exists(file) || beat(file) < started) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polled against the deadline
            }
            assertThat(beat(file)).as("the child's first beat").isGreaterThanOrEqualTo(started);
            long first = beat(file);
            while (beat(file) < first + 100_000 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(beat(file)).as("the child's beat, 100 ms on").isGreaterThanOrEqualTo(first + 100_000);
            long beforeKill = StallWatch.micros(Instant.now());
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long afterKill = StallWatch.micros(Instant.now());

            long last = beat(file);
            assertThat(last).as("last wake, µs after the kill was asked")
                    .isLessThanOrEqualTo(afterKill)
                    .isGreaterThanOrEqualTo(beforeKill - 50_000); // it was waking every ms until then
            assertThat(beat(file)).as("nothing writes it any more").isEqualTo(last);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void theNextProcessFindsThePreviousOnesBeatAndKeepsItsOwn() throws IOException {
        Path file = dir.resolve("beat");
        Files.write(file, ByteBuffer.allocate(Long.BYTES).putLong(42).array());
        long before = StallWatch.micros(Instant.now());

        assertThat(StallWatch.beat(file)).isNotNull();

        assertThat(beat(file)).isGreaterThanOrEqualTo(before);
    }
}
