package dev.faultline.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.LoadDriver.DrainEnd;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * One run of the {@link LedgerDriver}. A single pacer thread ticks at the rate on a fixed schedule (late ticks
 * catch up, so no drift accumulates) and starts each submission asynchronously; answers are recorded as they
 * arrive. Every request asks the context for the service's base URI anew, since ports change on restart.
 */
final class LedgerRun implements LoadDriver.Running {
    static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(5);
    /** How long close() waits for a tick that was under way when it was called. */
    private static final Duration TICK_GRACE = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final LoadSpec spec;
    private final LoadDriver.Context context;
    private final Ledger ledger;
    private final Timeline timeline;
    private final int maxInFlight;
    private final long total;
    private final long periodNanos;

    private final ExecutorService httpExecutor;
    private final HttpClient client;
    private final ScheduledExecutorService pacer;
    private final Semaphore slots;
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
    /** Completed when the duration has passed (nothing more will be submitted) or on close. */
    private final CompletableFuture<Void> submitting = new CompletableFuture<>();
    private final CompletableFuture<Void> closedSignal = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ScheduledFuture<?> ticker;
    private final ResultsReader results;
    /** Items submitted so far; touched by the pacer thread only. */
    private long seq;

    LedgerRun(LoadSpec spec, LoadDriver.Context context, int maxInFlight) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.context = Objects.requireNonNull(context, "context");
        this.ledger = context.ledger();
        this.timeline = context.timeline();
        this.maxInFlight = maxInFlight;
        double perSecond = spec.rate().perSecond();
        double seconds = spec.duration().toNanos() / 1e9;
        // ticks at k / rate for every k with k / rate < duration
        this.total = Math.max(1, (long) Math.ceil(perSecond * seconds - 1e-9));
        this.periodNanos = Math.max(1, Math.round(1e9 / perSecond));
        int run = RUNS.incrementAndGet();
        this.httpExecutor = Executors.newCachedThreadPool(daemon("faultline-load-" + run + "-http"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(SUBMIT_TIMEOUT)
                .executor(httpExecutor)
                .build();
        this.pacer = Executors.newSingleThreadScheduledExecutor(daemon("faultline-load-" + run + "-pacer"));
        this.slots = new Semaphore(maxInFlight);
        this.results = new ResultsReader(spec, context, client, "faultline-load-" + run + "-results");
    }

    void start() {
        ticker = pacer.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
        pacer.schedule(this::durationOver, spec.duration().toNanos(), TimeUnit.NANOSECONDS);
        results.startReadsDuringLoad();
    }

    private void tick() {
        if (closed.get() || seq >= total) {
            return;
        }
        try {
            submit(++seq);
        } catch (RuntimeException e) {
            // never let the schedule die: a throwing periodic task is silently cancelled
            timeline.record(new TimelineEvent.Note(timeline.now(), "load: submission " + seq + " failed: "
                    + describe(e)));
        }
    }

    private void durationOver() {
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
        submitting.complete(null);
    }

    private void submit(long n) {
        String id = String.format("%s-%06d", context.runId(), n);
        ledger.submitted(id, timeline.now());
        if (!slots.tryAcquire()) {
            ledger.answered(id, timeline.now(), -1, "client overloaded: " + maxInFlight + " submissions in flight");
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight.add(done);
        try {
            HttpRequest request = HttpRequest.newBuilder(uri(spec.submit()))
                    .timeout(SUBMIT_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(id, n)))
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        try {
                            if (error == null) {
                                ledger.answered(id, timeline.now(), response.statusCode(), null);
                            } else {
                                ledger.answered(id, timeline.now(), -1, describe(error));
                            }
                        } finally {
                            release(done);
                        }
                    });
        } catch (RuntimeException e) {
            ledger.answered(id, timeline.now(), -1, describe(e));
            release(done);
        }
    }

    private void release(CompletableFuture<Void> done) {
        slots.release();
        inFlight.remove(done);
        done.complete(null);
    }

    private static String body(String id, long n) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", id);
        item.putObject("payload").put("seq", n);
        return item.toString();
    }

    private URI uri(Endpoint endpoint) {
        URI base = context.baseUri(endpoint);
        return base.resolve(endpoint.path());
    }

    @Override
    public void awaitSubmitted() throws InterruptedException {
        await(CompletableFuture.anyOf(submitting, closedSignal));
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] pending = inFlight.toArray(new CompletableFuture[0]);
        await(CompletableFuture.anyOf(CompletableFuture.allOf(pending), closedSignal));
    }

    @Override
    public DrainEnd drain(Duration max, BooleanSupplier nothingHeld) throws InterruptedException {
        return results.drain(max, nothingHeld, closed::get);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pacer.shutdownNow();
        awaitTickUnderWay();
        results.close();
        submitting.complete(null);
        closedSignal.complete(null);
        // Java 17's HttpClient has no close(): stopping its executor ends its work; its selector thread is a
        // daemon that ends once the client is unreachable
        httpExecutor.shutdownNow();
    }

    /**
     * A tick that read {@code closed} just before close() set it still records its submission: wait for it, so that
     * nothing is submitted once close() returns. A tick only starts an asynchronous request; it never blocks.
     */
    private void awaitTickUnderWay() {
        try {
            if (!pacer.awaitTermination(TICK_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                timeline.record(new TimelineEvent.Note(timeline.now(), "load: a submission under way at close "
                        + "did not end within " + TICK_GRACE.toMillis() + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load driver failed", e.getCause());
        }
    }

    static String describe(Throwable e) {
        return ResultsReader.describe(e);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
