package dev.faultline.engine.spi;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;

/** Drives load during a scenario and records every work item in the ledger; found through ServiceLoader. */
public interface LoadDriver {
    /** The {@code load.driver} value this driver answers to, e.g. {@code ledger}. */
    String name();

    /**
     * The {@code load} fields this driver takes beyond those every driver takes ({@code driver}, {@code rate},
     * {@code duration}, {@code submit}, {@code results}, {@code drain}): e.g. {@code users}, {@code ramp-up},
     * {@code simulation}. Any other is an error when the scenario is loaded.
     */
    default java.util.Set<String> options() {
        return java.util.Set.of();
    }

    /**
     * What is wrong with a spec's driver-specific parts, checked when the scenario is loaded (nothing is started
     * then): e.g. a {@code simulation} class that is not on the classpath. Empty when nothing is.
     */
    default java.util.List<OptionProblem> check(LoadSpec spec) {
        return java.util.List.of();
    }

    /** A problem with the {@code load} field {@code field} ({@code simulation}): {@code expected ... but was ...}. */
    record OptionProblem(String field, String message) {
    }

    /** Starts submitting at once, in the background; returns a handle to wait on. */
    Running start(LoadSpec spec, Context context);

    interface Context {
        /**
         * Base URI of an endpoint's service on 127.0.0.1 right now (published ports can change when a container
         * restarts, so ask again for every request): {@code http://127.0.0.1:32771}.
         */
        URI baseUri(Endpoint endpoint);

        Ledger ledger();

        Timeline timeline();

        long seed();

        String runId();

        /**
         * The run's own directory, where a driver may keep files of its own (Gatling keeps its report in
         * {@code gatling/}); report them with {@link dev.faultline.engine.timeline.TimelineEvent.DriverReport}.
         */
        java.nio.file.Path directory();
    }

    /** Why a drain ended. */
    enum DrainEnd {
        /** Every accepted item was seen completed. */
        ALL_COMPLETED,
        /** The system provably held no more work: what is still pending will never complete. */
        NOTHING_HELD,
        /** The drain's {@code max} passed. */
        DEADLINE,
        /** The load was closed (halt, Ctrl-C) before or during the drain. */
        STOPPED
    }

    interface Running extends AutoCloseable {
        /** Blocks until the load's duration has passed and every submission has been answered or timed out. */
        void awaitSubmitted() throws InterruptedException;

        /**
         * Reads the results endpoint, recording every read in the ledger, until no accepted item is pending, or
         * {@code nothingHeld} answered true just before a read that succeeded (the system held no more work, so that
         * read saw every completion there will be), or {@code max} has passed; the last read happens at the deadline
         * at the latest. {@code nothingHeld} is the engine's: ask it before each read, never after.
         */
        DrainEnd drain(Duration max, BooleanSupplier nothingHeld) throws InterruptedException;

        /** Drains until no accepted item is pending or {@code max} has passed. */
        default DrainEnd drain(Duration max) throws InterruptedException {
            return drain(max, () -> false);
        }

        /** Stops submitting at once (halt, Ctrl-C). Idempotent. */
        @Override
        void close();
    }
}
