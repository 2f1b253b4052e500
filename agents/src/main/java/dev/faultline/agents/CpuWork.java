package dev.faultline.agents;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * {@code WORK_CPU}: CPU time a worker spends on each task, hashing a SHA-256 chain over the task id (the id, then
 * the hash of the previous hash, and so on) until the working thread has used that much CPU.
 *
 * <p>Measured in <b>thread CPU time</b> ({@link ThreadMXBean#getCurrentThreadCpuTime}), not wall time: a task then
 * costs the same CPU however busy the machine is, so CPU starvation shows as tasks taking longer, as it would for
 * real work. A wall-clock budget would quietly do less work under starvation and hide the fault. Where the JVM cannot
 * measure thread CPU time, wall time stands in.
 */
final class CpuWork {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int HASHES_BETWEEN_CLOCK_READS = 256; // ~0.1 ms of hashing

    private final long budgetNanos;

    CpuWork(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, but was " + budget);
        }
        this.budgetNanos = budget.toNanos();
    }

    /**
     * Hashes until this thread has spent the budget; returns the last hash (the id's own SHA-256 for a zero budget).
     *
     * @throws InterruptedException when the thread is interrupted meanwhile (the worker is shutting down)
     */
    byte[] spend(String taskId) throws InterruptedException {
        MessageDigest sha256 = sha256();
        byte[] hash = sha256.digest(taskId.getBytes(StandardCharsets.UTF_8));
        if (budgetNanos == 0) {
            return hash;
        }
        boolean cpuClock = THREADS.isCurrentThreadCpuTimeSupported();
        long start = now(cpuClock);
        while (now(cpuClock) - start < budgetNanos) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while working on " + taskId);
            }
            for (int i = 0; i < HASHES_BETWEEN_CLOCK_READS; i++) {
                hash = sha256.digest(hash);
            }
        }
        return hash;
    }

    private static long now(boolean cpuClock) {
        return cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
