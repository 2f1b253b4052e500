package dev.faultline.engine.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.FaultProxy;
import dev.faultline.engine.spi.LinkControl;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Samples, every {@code sample-every}, the connection counts of each fault proxy of the declared links (the
 * proxy's {@code GET /proxies/{p}/connections}, summed over the ports of one service) onto the timeline as
 * {@link TimelineEvent.Connections}: once at the start, then whenever a count changed. A proxy that does not
 * answer in time is skipped for that tick. One request at a time per service: a slow answer delays that service's
 * next sample, never the run.
 */
final class ConnectionSampler implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Timeline timeline;
    private final List<FaultProxy> proxies = new ArrayList<>();
    private final Duration every;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, long[]> last = new ConcurrentHashMap<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-connection-sampler");
        t.setDaemon(true);
        return t;
    });

    ConnectionSampler(Scenario scenario, LinkControl links, Timeline timeline) {
        this.timeline = timeline;
        this.every = scenario.sampleEvery();
        Set<String> services = new LinkedHashSet<>();
        for (Link link : scenario.topology().links()) {
            services.add(link.to());
        }
        for (String service : services) {
            Optional<FaultProxy> proxy = links.proxyFor(service);
            proxy.ifPresent(proxies::add);
        }
    }

    void start() {
        if (!proxies.isEmpty()) {
            ticker.scheduleAtFixedRate(this::tick, 0, every.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        for (FaultProxy proxy : proxies) {
            if (busy.add(proxy.service())) {
                long t = timeline.now();
                sample(proxy).whenComplete((counts, error) -> {
                    busy.remove(proxy.service());
                    if (error == null && counts != null) {
                        record(proxy.service(), t, counts);
                    }
                });
            }
        }
    }

    /** The sum of {@code accepted} and {@code open} over the proxy's ports; null when one of them did not answer. */
    private CompletableFuture<long[]> sample(FaultProxy proxy) {
        List<CompletableFuture<long[]>> ports = new ArrayList<>();
        for (FaultProxy.ProxiedPort port : proxy.ports()) {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create(proxy.apiUri() + "/proxies/" + port.proxyName() + "/connections"))
                    .timeout(TIMEOUT).GET().build();
            ports.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(ConnectionSampler::counts)
                    .exceptionally(error -> null));
        }
        return CompletableFuture.allOf(ports.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            long[] sum = new long[2];
            for (CompletableFuture<long[]> port : ports) {
                long[] counts = port.join();
                if (counts == null) {
                    return null;
                }
                sum[0] += counts[0];
                sum[1] += counts[1];
            }
            return sum;
        });
    }

    private static long[] counts(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (!body.path("accepted").canConvertToLong() || !body.path("open").canConvertToLong()) {
                return null;
            }
            return new long[] {body.path("accepted").asLong(), body.path("open").asLong()};
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void record(String service, long t, long[] counts) {
        long[] before = last.put(service, counts);
        if (before == null || before[0] != counts[0] || before[1] != counts[1]) {
            timeline.record(new TimelineEvent.Connections(t, service, counts[0], (int) counts[1]));
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
