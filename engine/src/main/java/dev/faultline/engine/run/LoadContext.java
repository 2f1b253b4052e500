package dev.faultline.engine.run;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;

/** What a load driver sees of a run: endpoints on 127.0.0.1 (round-robin over replicas), the ledger, the clock. */
record LoadContext(RunningTopology runtime, Ledger ledger, Timeline timeline, long seed, String runId,
                   java.nio.file.Path directory, AtomicInteger roundRobin) implements LoadDriver.Context {

    LoadContext(RunningTopology runtime, Ledger ledger, Timeline timeline, long seed, String runId,
                java.nio.file.Path directory) {
        this(runtime, ledger, timeline, seed, runId, directory, new AtomicInteger());
    }

    @Override
    public URI baseUri(Endpoint endpoint) {
        Target t = endpoint.service();
        List<String> instances = runtime.topology().services().get(t.service()).instanceNames();
        List<String> serving = runtime.serving(t.service()); // round robin over what a scale-down left
        String instance = t.kind() == Target.Kind.INDEX ? instances.get(t.value())
                : serving.isEmpty() ? instances.get(0)
                : serving.get(Math.floorMod(roundRobin.getAndIncrement(), serving.size()));
        int port = runtime.hostPort(instance, endpoint.port());
        // port 9 (discard) refuses on loopback: a stopped service reads as a refused connection
        return URI.create("http://127.0.0.1:" + (port < 0 ? 9 : port));
    }
}
