package dev.faultline.injectors;

import java.util.List;
import java.util.function.Consumer;

/** How a revert undoes several things: every one is tried even after one failed; then the first failure is thrown. */
public final class EveryOne {
    private EveryOne() {
    }

    /** Runs {@code step} on each item, all of them; throws the first failure with the later ones suppressed. */
    public static <T> void attempt(List<T> items, Consumer<T> step) {
        RuntimeException failure = null;
        for (T item : items) {
            try {
                step.accept(item);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
