package dev.faultline.engine.runtime;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.faultline.engine.run.Failures;

/**
 * The one start failure that is safe to retry: a host port that Docker picked for a published port was taken by
 * another process ({@code Error starting userland proxy: listen tcp4 127.0.0.1:32782: bind: address already in use},
 * or {@code port is already allocated}). Docker tries ten ports itself; on a busy host (thousands of ephemeral
 * client ports in use) all ten can be taken. The container never ran, so removing it and starting it again, on a
 * fresh port, changes nothing the run observes. Every other failure is thrown at once.
 */
public final class PortConflicts {
    /** Starts in all, the first included. */
    public static final int ATTEMPTS = 4;

    private PortConflicts() {
    }

    /** Whether {@code failure}, or one of its causes, is Docker's refusal of a host port that is already in use. */
    public static boolean isPortConflict(Throwable failure) {
        return conflict(failure) != null;
    }

    /** The exception in {@code failure}'s causes that says a port was in use, or null. */
    private static Throwable conflict(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("address already in use") || message.contains("port is already allocated")) {
                return t;
            }
        }
        return null;
    }

    /**
     * Runs {@code start}; when it fails on a port conflict, runs {@code discard} (removes the container that could not
     * start) and {@code start} again, at most {@link #ATTEMPTS} starts in all, telling {@code note} each time.
     */
    public static void start(String name, Runnable start, Runnable discard, Consumer<String> note) {
        for (int attempt = 1; ; attempt++) {
            try {
                start.run();
                return;
            } catch (RuntimeException e) {
                Throwable conflict = conflict(e);
                if (attempt >= ATTEMPTS || conflict == null) {
                    throw e;
                }
                note.accept(name + ": a host port was taken by another process (" + Failures.oneLine(conflict)
                        + "); starting it again on a fresh port, attempt " + (attempt + 1) + " of " + ATTEMPTS);
                discard.run();
            }
        }
    }
}
