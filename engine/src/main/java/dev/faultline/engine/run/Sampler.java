package dev.faultline.engine.run;

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
 * {@code sample-every}, onto the timeline. A sample's time is when its request was written ({@link HttpProbe}: each
 * request on a socket of its own, timed where it happens), so a slow or frozen target does not shift detection, and
 * its latency is how long until the status line arrived (measurement places a passing sample at its answer); it
 * fails when no expected answer came within the probe's {@code within}. Port lookups run
 * off the ticking thread, so a busy Docker engine does not make ticks late. A tick that runs more than
 * {@code sample-every} after its schedule (the harness itself was starved of CPU) is recorded as a
 * {@link TimelineEvent.SamplerLag}: failures around it may be the harness's, not the system's.
 *
 * <p><b>Sharpening.</b> Between the regular samples, extra probe samples ({@link Sample#extra}) go out every
 * {@code steady-state.sharpen} on every probe lane while a transition may be happening, so it is seen within a few
 * ms instead of one {@code sample-every}: for {@link #burstNanos} after every fault action and every change of a
 * probed container ({@link #sharpen}), for as long as a lane fails fast (refused, reset, a wrong status: each
 * such failure extends it by two {@code sample-every}, for at most {@link #FAST_FAILURE_LIMIT} of one failing streak),
 * and for two {@code sample-every} after the first pass that ends a failure.
 * At most {@link #MAX_EXTRA_OUTSTANDING} extra request per lane is unanswered at a time: a frozen service gets one,
 * not hundreds, and when it thaws it has only that one and the regular sample to work through before it answers a new
 * request, which is what confirms its return (with four held, the bounds of the accuracy benchmark's freezes were
 * wider: see its README, 2026-12-06, night).
 */
final class Sampler implements AutoCloseable {
    private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(500);
    static final int MAX_EXTRA_OUTSTANDING = 1;
    static final Duration FAST_FAILURE_LIMIT = Duration.ofSeconds(60);

    private final RunningTopology runtime;
    private final Timeline timeline;
    private final List<LaneCheck> lanes = new ArrayList<>();
    private final Map<Lane, Sample> latest = new ConcurrentHashMap<>();
    /** Runs each probe request ({@link HttpProbe}, blocking) on a thread of its own. */
    private final java.util.concurrent.ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faultline-probe");
        t.setDaemon(true);
        return t;
    });
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
    private final Duration sharpenEvery;
    private final long burstNanos;
    private final ScheduledExecutorService sharpener;
    private final Map<Lane, Burst> bursts = new ConcurrentHashMap<>();
    private final java.util.Set<String> probedInstances = new java.util.HashSet<>();
    private long firstTickNanos = -1;
    private long ticks;

    Sampler(Scenario scenario, RunningTopology runtime, Timeline timeline) {
        this.runtime = runtime;
        this.timeline = timeline;
        this.every = scenario.sampleEvery();
        Duration longestWithin = Duration.ZERO;
        for (Probe p : scenario.probes()) {
            LaneCheck lane = new LaneCheck(Lane.probe(p.name()), p.http().service().service(),
                    instancesOf(p.http().service()), p.http().port(), p.http().path(), p.expectStatus(), p.within(),
                    false);
            lanes.add(lane);
            bursts.put(lane.lane(), new Burst());
            probedInstances.addAll(lane.instances());
            longestWithin = longestWithin.compareTo(p.within()) < 0 ? p.within() : longestWithin;
        }
        this.sharpenEvery = scenario.sharpen();
        this.burstNanos = longestWithin.plus(every.multipliedBy(2)).toNanos();
        this.sharpener = scenario.sharpens() && !bursts.isEmpty()
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "faultline-sharpener");
                    t.setDaemon(true);
                    return t;
                })
                : null;
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
        return target.probedAmong(runtime.topology().services().get(target.service()).instanceNames());
    }

    void start() {
        ticker.scheduleAtFixedRate(this::tick, 0, every.toNanos(), TimeUnit.NANOSECONDS);
        if (sharpener != null) {
            sharpener.scheduleAtFixedRate(this::sharpenTick, 0, sharpenEvery.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Something may change the probed services now (a fault is about to act): every probe lane gets extra samples
     * for {@link #burstNanos} (the longest {@code within} plus two {@code sample-every}) from now.
     */
    void sharpen() {
        long until = System.nanoTime() + burstNanos;
        for (Burst b : bursts.values()) {
            b.extendTo(until);
        }
    }

    /** A probed container changed (died, restarted, paused, ...): {@link #sharpen}. */
    void sharpenOnChange(TimelineEvent event) {
        if (event instanceof TimelineEvent.ServiceChange change && probedInstances.contains(change.instance())) {
            sharpen();
        }
    }

    private void sharpenTick() {
        long now = System.nanoTime();
        long t = -1;
        for (LaneCheck lane : lanes) {
            Burst burst = bursts.get(lane.lane());
            if (burst == null || now >= burst.until || !sampled(lane)
                    || burst.outstanding.get() >= MAX_EXTRA_OUTSTANDING) {
                continue;
            }
            if (t < 0) {
                t = timeline.now();
            }
            burst.outstanding.incrementAndGet();
            sample(lane, t, true, burst.outstanding::decrementAndGet);
        }
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
                sample(lane, t, false, () -> { });
            }
        }
    }

    private void sample(LaneCheck lane, long t, boolean extra, Runnable done) {
        long sentNanos = System.nanoTime();
        List<CompletableFuture<Outcome>> checks = new ArrayList<>();
        for (String instance : lane.instances()) {
            if (!runtime.retired(instance)) { // a probe asks the replicas a scale-down left, only
                checks.add(check(instance, lane));
            }
        }
        if (checks.isEmpty()) {
            checks.add(CompletableFuture.completedFuture(
                    Outcome.failed("no replica of " + lane.service() + " left (scaled down)")));
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            done.run();
            List<String> failures = new ArrayList<>();
            int status = lane.expectStatus() > 0 ? lane.expectStatus() : 200;
            boolean answered = true;
            // when the sample was sent: the earliest request of those that decide it (the failing ones when some
            // failed), each timed where it was written, or the tick for what was decided without a request (not
            // running); answered when the last answer came
            long sentAll = Long.MAX_VALUE;
            long sentFailing = Long.MAX_VALUE;
            long lastAnswered = sentNanos;
            for (CompletableFuture<Outcome> c : checks) {
                Outcome outcome = c.getNow(Outcome.failed("no answer"));
                long sent = outcome.sentNanos() >= 0 ? outcome.sentNanos() : sentNanos;
                sentAll = Math.min(sentAll, sent);
                lastAnswered = Math.max(lastAnswered, outcome.answeredNanos() >= 0 ? outcome.answeredNanos() : sent);
                if (outcome.failure() != null) {
                    failures.add(outcome.failure());
                    answered &= outcome.status() > 0;
                    status = outcome.status();
                    sentFailing = Math.min(sentFailing, sent);
                }
            }
            long nowNanos = System.nanoTime();
            boolean ok = failures.isEmpty();
            long sampleT = sentAll == sentNanos ? t : timelineMillis(ok ? sentAll : sentFailing);
            long latency = Math.max(0, timelineMillis(lastAnswered) - sampleT);
            Sample sample = new Sample(sampleT, lane.lane(), ok, ok || answered ? status : 0, latency,
                    String.join("; ", failures), extra);
            latest.merge(lane.lane(), sample, (old, neu) -> neu.t() >= old.t() ? neu : old);
            timeline.record(sample);
            Burst burst = bursts.get(lane.lane());
            if (burst != null && sharpener != null) {
                burst.sampled(ok, latency < lane.within().toMillis() / 2, nowNanos, every.toNanos() * 2);
            }
        });
    }

    /** Completes with what the instance answered: no failure when it answered as expected. */
    private CompletableFuture<Outcome> check(String instance, LaneCheck lane) {
        // the port lookup may ask Docker (after a restart): never on the ticking thread, so no tick is late
        return CompletableFuture.supplyAsync(() -> runtime.hostPort(instance, lane.port()), lookups)
                .handle((port, error) -> error == null ? port : null)
                .thenCompose(port -> {
                    if (port == null) {
                        return CompletableFuture.completedFuture(Outcome.failed(instance + ": cannot look its port up"));
                    }
                    if (port < 0) {
                        return CompletableFuture.completedFuture(Outcome.failed(instance + ": not running"));
                    }
                    return request(instance, lane, port);
                });
    }

    /**
     * One request on a socket of its own ({@link HttpProbe}), judged against {@code within}: a status line later than
     * that fails as no answer in time.
     */
    private CompletableFuture<Outcome> request(String instance, LaneCheck lane, int port) {
        return CompletableFuture.supplyAsync(() -> HttpProbe.get(port, lane.path(), lane.within()), probes)
                .thenApply(answer -> {
                    if (answer.failure() != null) {
                        return new Outcome(instance + ": " + answer.failure(), 0, answer.sentNanos(),
                                answer.answeredNanos());
                    }
                    int code = answer.status();
                    boolean ok = lane.expectStatus() > 0 ? code == lane.expectStatus() : code >= 200 && code < 300;
                    return new Outcome(ok ? null : instance + ": status " + code, code, answer.sentNanos(),
                            answer.answeredNanos());
                });
    }

    /** A {@link System#nanoTime()} instant on the timeline (whole ms since its origin). */
    private long timelineMillis(long nanos) {
        return Math.floorDiv(nanos - timeline.originNanos(), 1_000_000L);
    }

    @Override
    public void close() {
        lookups.shutdownNow();
        probes.shutdownNow();
        if (sharpener != null) {
            sharpener.shutdownNow();
        }
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What one instance answered: {@code failure} null when as expected; {@code status} 0 when no answer came;
     * {@code sentNanos} and {@code answeredNanos} as {@link HttpProbe.Answer} has them, -1 when no request went out.
     */
    private record Outcome(String failure, int status, long sentNanos, long answeredNanos) {
        static Outcome failed(String why) {
            return new Outcome(why, 0, -1, -1);
        }
    }

    /** The extra sampling of one probe lane. */
    private static final class Burst {
        private final java.util.concurrent.atomic.AtomicInteger outstanding =
                new java.util.concurrent.atomic.AtomicInteger();
        private volatile long until = Long.MIN_VALUE;
        private long fastFailingSince = -1;
        private boolean failing;

        synchronized void extendTo(long untilNanos) {
            until = Math.max(until, untilNanos);
        }

        /**
         * A sample of this lane ended: a fast failure keeps the extra sampling going, a pass ends the streak; the
         * first pass after failures brings extra samples too, so a new request soon shows the service serves again.
         */
        synchronized void sampled(boolean ok, boolean fast, long nowNanos, long extendNanos) {
            boolean wasFailing = failing;
            failing = !ok;
            if (ok) {
                fastFailingSince = -1;
                if (wasFailing) {
                    extendTo(nowNanos + extendNanos);
                }
                return;
            }
            if (!fast) {
                return;
            }
            if (fastFailingSince < 0) {
                fastFailingSince = nowNanos;
            }
            if (nowNanos - fastFailingSince < FAST_FAILURE_LIMIT.toNanos()) {
                extendTo(nowNanos + extendNanos);
            }
        }
    }

    private record LaneCheck(Lane lane, String service, List<String> instances, int port, String path,
                             int expectStatus, Duration within, boolean health) {
    }
}
