package dev.faultline.engine.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

import dev.faultline.engine.timeline.TimelineEvent;

/**
 * How to run a scenario: where results go, an optional seed that overrides the scenario's, who watches the
 * timeline live, and how to cancel (Ctrl-C).
 */
public record RunOptions(Path reportDir, OptionalLong seed, Consumer<TimelineEvent> observer, Cancellation cancellation,
                         Duration steadyStateTimeout) {

    public RunOptions {
        Objects.requireNonNull(reportDir, "reportDir");
        seed = seed == null ? OptionalLong.empty() : seed;
        observer = observer == null ? e -> { } : observer;
        cancellation = cancellation == null ? new Cancellation() : cancellation;
        steadyStateTimeout = steadyStateTimeout == null ? Duration.ofSeconds(60) : steadyStateTimeout;
    }

    public static RunOptions to(Path reportDir) {
        return new RunOptions(reportDir, OptionalLong.empty(), null, null, null);
    }

    public RunOptions withSeed(long seed) {
        return new RunOptions(reportDir, OptionalLong.of(seed), observer, cancellation, steadyStateTimeout);
    }

    public RunOptions withObserver(Consumer<TimelineEvent> observer) {
        return new RunOptions(reportDir, seed, observer, cancellation, steadyStateTimeout);
    }

    public RunOptions withCancellation(Cancellation cancellation) {
        return new RunOptions(reportDir, seed, observer, cancellation, steadyStateTimeout);
    }

    /** Set from another thread (a Ctrl-C hook) to stop the run: faults are reverted and containers removed. */
    public static final class Cancellation {
        private volatile String reason;
        private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

        public void cancel(String why) {
            reason = why;
            for (Runnable r : listeners) {
                r.run();
            }
        }

        /** Runs {@code action} when the run is cancelled (at once if it already was). */
        public void onCancel(Runnable action) {
            listeners.add(action);
            if (reason != null) {
                action.run();
            }
        }

        public boolean cancelled() {
            return reason != null;
        }

        public String reason() {
            return reason;
        }
    }
}
