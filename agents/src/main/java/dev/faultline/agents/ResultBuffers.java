package dev.faultline.agents;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Result buffers: every processed task leaves a 1 MiB result in memory, which the worker keeps for re-reads.
 *
 * <p>Safe ({@link #bounded}): a ring of {@code RESULT_BUFFERS} buffers, the oldest overwritten first, so the worker's
 * memory for results is bounded ({@code RESULT_BUFFERS} MiB) and nothing is left for the garbage collector (a
 * dropped direct buffer is only freed when a GC happens to collect it, and the serial collector may not for a long
 * time). Unsafe ({@link #unbounded}): every result is kept for ever, no memory bound: the process grows 1 MiB a task
 * until, under a memory limit, the kernel OOM-kills it.
 *
 * <p>The memory is a private (copy-on-write) mapping of a sparse scratch file, every page written: anonymous,
 * resident memory, charged to the container like the heap. Unlike {@link ByteBuffer#allocateDirect} it is not
 * counted against the JVM's {@code -XX:MaxDirectMemorySize} (by default the maximum heap, a quarter of the
 * container's memory), so nothing inside the JVM stops an unsafe worker's growth before the kernel does. The scratch
 * file is deleted as soon as it is open and holds no blocks; its one descriptor is opened at {@link #open}, so a
 * buffer needs no descriptor of its own. Without a scratch file (no writable temporary directory) buffers come from
 * {@link ByteBuffer#allocateDirect}, within the JVM's limit.
 */
final class ResultBuffers implements AutoCloseable {
    static final int SIZE = 1 << 20;
    static final int PAGE = 4096;
    private static final Logger log = LoggerFactory.getLogger(ResultBuffers.class);

    private final int ring; // 0: unbounded
    private final List<ByteBuffer> held = new ArrayList<>();
    private long produced;
    private FileChannel scratch;
    private boolean opened;

    private ResultBuffers(int ring) {
        this.ring = ring;
    }

    /** At most {@code count} buffers, reused oldest first. */
    static ResultBuffers bounded(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, but was " + count);
        }
        return new ResultBuffers(count);
    }

    /** Every buffer kept for ever (unsafe). */
    static ResultBuffers unbounded() {
        return new ResultBuffers(0);
    }

    /** Opens the scratch file the buffers are mapped from; buffers produced before come from the first use. */
    synchronized void open() {
        if (opened) {
            return;
        }
        opened = true;
        Path file = null;
        try {
            file = Files.createTempFile("faultline-results-", ".scratch");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(SIZE); // sparse: no blocks
                scratch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("no scratch file for result buffers ({}); using direct buffers, within the JVM's direct-memory"
                    + " limit", e.toString());
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * Keeps {@code result} in the next buffer (a new one, or in the ring the oldest), writes every page of it so the
     * memory is resident, and returns that buffer.
     */
    synchronized ByteBuffer keep(byte[] result) throws IOException {
        open();
        ByteBuffer buffer;
        if (ring > 0 && held.size() == ring) {
            buffer = held.get((int) (produced % ring));
        } else {
            buffer = scratch != null
                    ? scratch.map(FileChannel.MapMode.PRIVATE, 0, SIZE)
                    : ByteBuffer.allocateDirect(SIZE);
            held.add(buffer);
        }
        produced++;
        fill(buffer, result);
        return buffer;
    }

    /** Buffers held now. */
    synchronized int held() {
        return held.size();
    }

    /** The result at the start of the buffer, a byte of it at the start of every page (never 0: visibly written). */
    private static void fill(ByteBuffer buffer, byte[] result) {
        buffer.put(0, result);
        for (int page = 1; page < SIZE / PAGE; page++) {
            buffer.put(page * PAGE, (byte) (result[page % result.length] | 1));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", file, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        held.clear(); // the mappings go with their buffers; the memory of unsafe ones with the process
        if (scratch != null) {
            try {
                scratch.close();
            } catch (IOException e) {
                log.debug("cannot close the result buffers' scratch file: {}", e.toString());
            }
        }
    }
}
