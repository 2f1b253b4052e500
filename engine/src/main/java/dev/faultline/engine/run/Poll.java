package dev.faultline.engine.run;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits by polling a condition against a deadline, never by sleeping a guessed time. */
public final class Poll {
    private Poll() {
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds (true) or {@code timeout} passes (false).
     * {@code abort} is polled too and ends the wait early (false).
     */
    public static boolean until(BooleanSupplier condition, Duration timeout, Duration interval, BooleanSupplier abort)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (abort.getAsBoolean() || System.nanoTime() >= deadline) {
                return false;
            }
            pause(Math.min(interval.toNanos(), Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** Parks until the timeline clock reaches {@code nanoTime} or {@code abort} holds; true if reached. */
    public static boolean untilTime(long nanoTime, BooleanSupplier abort) throws InterruptedException {
        while (true) {
            long left = nanoTime - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            if (abort.getAsBoolean()) {
                return false;
            }
            pause(Math.min(left, 20_000_000L));
        }
    }

    private static void pause(long nanos) throws InterruptedException {
        LockSupport.parkNanos(nanos);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
