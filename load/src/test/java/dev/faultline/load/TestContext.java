package dev.faultline.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;

/** What a driver under test sees of a run: every endpoint at {@code baseUri}, run {@code run1}, seed 7. */
record TestContext(Supplier<URI> baseUri, Ledger ledger, Timeline timeline, Path directory)
        implements LoadDriver.Context {

    @Override
    public URI baseUri(Endpoint endpoint) {
        return baseUri.get();
    }

    @Override
    public long seed() {
        return 7;
    }

    @Override
    public String runId() {
        return "run1";
    }
}
