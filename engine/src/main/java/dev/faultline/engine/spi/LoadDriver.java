package dev.faultline.engine.spi;

import java.net.URI;
import java.time.Duration;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;

/** Drives load during a scenario and records every work item in the ledger; found through ServiceLoader. */
public interface LoadDriver {
    /** The {@code load.driver} value this driver answers to, e.g. {@code ledger}. */
    String name();

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
    }

    interface Running extends AutoCloseable {
        /** Blocks until the load's duration has passed and every submission has been answered or timed out. */
        void awaitSubmitted() throws InterruptedException;

        /**
         * Reads the results endpoint until no accepted item is pending or {@code max} has passed, recording every
         * read in the ledger; the last read happens at the deadline at the latest.
         */
        void drain(Duration max) throws InterruptedException;

        /** Stops submitting at once (halt, Ctrl-C). Idempotent. */
        @Override
        void close();
    }
}
