package dev.faultline.engine.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.timeline.TimelineEvent.Sample;

/**
 * Samples every probe ({@code probe:<name>}) and every instance's health endpoint ({@code health:<instance>}) every
 * {@code sample-every}, onto the timeline. A sample's time is when its request was sent, so a slow or frozen
 * target does not shift detection, and its latency is how long the answer took (measurement places a passing
 * sample at its answer); it fails when no expected answer came within the probe's {@code within}. Port lookups run
 * off the ticking thread, so a busy Docker engine does not make ticks late. A tick that runs more than
 * {@code sample-every} after its schedule (the harness itself was starved of CPU) is recorded as a
 * {@link TimelineEvent.SamplerLag}: failures around it may be the harness's, not the system's.
 */
final class Sampler implements AutoCloseable {
    private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(500);

    private final RunningTopology runtime;
    private final Timeline timeline;
    private final List<LaneCheck> lanes = new ArrayList<>();
    private final Map<Lane, Sample> latest = new ConcurrentHashMap<>();
    private final HttpClient http;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-sampler");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ExecutorService lookups = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faultline-sampler-lookup");
        t.setDaemon(true);
        return t;
    });
    private final Duration every;
    private long firstTickNanos = -1;
    private long ticks;

    Sampler(Scenario scenario, RunningTopology runtime, Timeline timeline) {
        this.runtime = runtime;
        this.timeline = timeline;
        this.every = scenario.sampleEvery();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        for (Probe p : scenario.probes()) {
            lanes.add(new LaneCheck(Lane.probe(p.name()), p.http().service().service(),
                    instancesOf(p.http().service()), p.http().port(), p.http().path(), p.expectStatus(), p.within(),
                    false));
        }
        for (ServiceSpec s : scenario.topology().services().values()) {
            if (s.health() == null) {
                continue;
            }
            for (String instance : s.instanceNames()) {
                lanes.add(new LaneCheck(Lane.health(instance), s.name(), List.of(instance), s.health().port(),
                        s.health().path(), -1, HEALTH_TIMEOUT, true));
            }
        }
    }

    private List<String> instancesOf(Target target) {
        List<String> all = runtime.topology().services().get(target.service()).instanceNames();
        return target.kind() == Target.Kind.INDEX ? List.of(all.get(target.value())) : all;
    }

    void start() {
        ticker.scheduleAtFixedRate(this::tick, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Every lane still sampled: the health lane of an instance retired by a scale-down is not. */
    List<Lane> allLanes() {
        return lanes.stream().filter(this::sampled).map(LaneCheck::lane).toList();
    }

    private boolean sampled(LaneCheck lane) {
        return !lane.health() || !runtime.retired(lane.instances().get(0));
    }

    /**
     * The probe lanes that can never pass again: every instance they ask was retired by a scale-down. Watching for
     * recovery is pointless while there is one.
     */
    List<Lane> withoutReplicas() {
        return lanes.stream().filter(l -> !l.health() && l.instances().stream().allMatch(runtime::retired))
                .map(LaneCheck::lane).toList();
    }

    /** Whether the newest sample of each of these lanes passed (a lane never sampled does not pass). */
    boolean passing(List<Lane> laneNames) {
        for (Lane lane : laneNames) {
            Sample s = latest.get(lane);
            if (s == null || !s.ok()) {
                return false;
            }
        }
        return true;
    }

    Sample latest(Lane lane) {
        return latest.get(lane);
    }

    /**
     * Waits until every lane's newest sample has passed continuously for {@code span}; false when that did not
     * happen within {@code timeout} or {@code stopping} held first.
     */
    boolean awaitPassing(Duration span, Duration timeout, java.util.function.BooleanSupplier stopping)
            throws InterruptedException {
        List<Lane> all = allLanes();
        long[] passingSince = {-1};
        return Poll.until(() -> {
            if (!passing(all)) {
                passingSince[0] = -1;
                return false;
            }
            if (passingSince[0] < 0) {
                passingSince[0] = System.nanoTime();
            }
            return System.nanoTime() - passingSince[0] >= span.toNanos();
        }, timeout, Duration.ofMillis(20), stopping);
    }

    /** The lanes whose newest sample did not pass, each with why: {@code probe:api (HTTP 503)}. */
    String failingLanes() {
        List<String> failing = new ArrayList<>();
        for (Lane lane : allLanes()) {
            Sample s = latest(lane);
            if (s == null || !s.ok()) {
                failing.add(lane + (s == null ? " (no sample)" : " (" + s.detail() + ")"));
            }
        }
        return String.join(", ", failing);
    }

    private void tick() {
        long now = System.nanoTime();
        if (firstTickNanos < 0) {
            firstTickNanos = now;
        }
        long lagMs = (now - (firstTickNanos + ticks * every.toNanos())) / 1_000_000;
        ticks++;
        long t = timeline.now();
        if (lagMs > every.toMillis()) {
            timeline.record(new TimelineEvent.SamplerLag(t, lagMs));
        }
        for (LaneCheck lane : lanes) {
            if (sampled(lane)) {
                sample(lane, t);
            }
        }
    }

    private void sample(LaneCheck lane, long t) {
        long sentNanos = System.nanoTime();
        List<CompletableFuture<String>> checks = new ArrayList<>();
        for (String instance : lane.instances()) {
            if (!runtime.retired(instance)) { // a probe asks the replicas a scale-down left, only
                checks.add(check(instance, lane));
            }
        }
        if (checks.isEmpty()) {
            checks.add(CompletableFuture.completedFuture("no replica of " + lane.service() + " left (scaled down)"));
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<String> c : checks) {
                String failure = c.getNow("no answer");
                if (failure != null) {
                    failures.add(failure);
                }
            }
            long latency = (System.nanoTime() - sentNanos) / 1_000_000;
            int status = failures.isEmpty() ? (lane.expectStatus() > 0 ? lane.expectStatus() : 200) : 0;
            Sample sample = new Sample(t, lane.lane(), failures.isEmpty(), status, latency,
                    String.join("; ", failures));
            latest.merge(lane.lane(), sample, (old, neu) -> neu.t() >= old.t() ? neu : old);
            timeline.record(sample);
        });
    }

    /** Completes with null when the instance answered as expected, else with what went wrong. */
    private CompletableFuture<String> check(String instance, LaneCheck lane) {
        // the port lookup may ask Docker (after a restart): never on the ticking thread, so no tick is late
        return CompletableFuture.supplyAsync(() -> runtime.hostPort(instance, lane.port()), lookups)
                .handle((port, error) -> error == null ? port : null)
                .thenCompose(port -> {
                    if (port == null) {
                        return CompletableFuture.completedFuture(instance + ": cannot look its port up");
                    }
                    if (port < 0) {
                        return CompletableFuture.completedFuture(instance + ": not running");
                    }
                    return request(instance, lane, port);
                });
    }

    private CompletableFuture<String> request(String instance, LaneCheck lane, int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + lane.path()))
                .timeout(lane.within()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error.getCause() == null ? error : error.getCause();
                        return instance + ": " + cause.getClass().getSimpleName();
                    }
                    int code = response.statusCode();
                    boolean ok = lane.expectStatus() > 0 ? code == lane.expectStatus() : code >= 200 && code < 300;
                    return ok ? null : instance + ": status " + code;
                });
    }

    @Override
    public void close() {
        lookups.shutdownNow();
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record LaneCheck(Lane lane, String service, List<String> instances, int port, String path,
                             int expectStatus, Duration within, boolean health) {
    }
}
