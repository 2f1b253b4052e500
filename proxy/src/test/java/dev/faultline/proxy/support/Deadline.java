package dev.faultline.proxy.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition against a deadline; the test fails with {@code what} if it never holds. */
public final class Deadline {
    private Deadline() {
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            try {
                Thread.sleep(5); // polling interval, not a wait for the condition itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
