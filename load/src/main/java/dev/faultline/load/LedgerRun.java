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
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_EVERY = Duration.ofMillis(250);
    /**
     * How often the results are read while the load runs, for completion times closer than the drain's: only while
     * the endpoint answers incrementally (each read then costs what completed since the last), never for one that
     * answers whole lists only.
     */
    static final Duration READ_DURING_LOAD_EVERY = Duration.ofSeconds(1);

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
    private final ScheduledExecutorService reader;
    private volatile ScheduledFuture<?> readsDuringLoad;
    /** One read of the results at a time (the reads during the load, then the drain's). */
    private final ReentrantLock reading = new ReentrantLock();
    /** The results endpoint's last cursor; null until it gives one, and for good when it never does. */
    private volatile String cursor;
    private final AtomicInteger readsDuringLoadFailed = new AtomicInteger();
    private volatile String lastErrorDuringLoad;
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
        this.reader = Executors.newSingleThreadScheduledExecutor(daemon("faultline-load-" + run + "-results"));
    }

    void start() {
        ticker = pacer.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
        pacer.schedule(this::durationOver, spec.duration().toNanos(), TimeUnit.NANOSECONDS);
        long every = READ_DURING_LOAD_EVERY.toNanos();
        readsDuringLoad = reader.scheduleWithFixedDelay(this::readDuringLoad, every, every, TimeUnit.NANOSECONDS);
    }

    private void readDuringLoad() {
        try {
            String error = readResults();
            if (error != null) {
                readsDuringLoadFailed.incrementAndGet();
                lastErrorDuringLoad = error;
            } else if (cursor == null) {
                stopReadsDuringLoad(); // whole lists only: reading them all through a long load would cost too much
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            readsDuringLoadFailed.incrementAndGet(); // never let the schedule die silently
            lastErrorDuringLoad = describe(e);
        }
    }

    private void stopReadsDuringLoad() {
        ScheduledFuture<?> reads = readsDuringLoad;
        if (reads != null) {
            reads.cancel(false);
        }
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
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(nothingHeld, "nothingHeld");
        if (closed.get()) {
            return DrainEnd.STOPPED; // stopped (halt, Ctrl-C): nothing more is read
        }
        long deadline = System.nanoTime() + max.toNanos();
        stopReadsDuringLoad();
        if (readsDuringLoadFailed.get() > 0) {
            timeline.record(new TimelineEvent.Note(timeline.now(), "load: " + readsDuringLoadFailed.get() + " reads of "
                    + spec.results().path() + " during the load failed; last: " + lastErrorDuringLoad));
        }
        int reads = 0;
        int failed = 0;
        String lastError = null;
        DrainEnd end;
        while (true) {
            long readStart = System.nanoTime();
            boolean heldNothing = nothingHeld.getAsBoolean(); // before the read: the read then sees every completion
            reads++;
            String error = readResults();
            if (error != null) {
                failed++;
                lastError = error;
            }
            long now = System.nanoTime();
            if (ledger.pendingCount() == 0) {
                end = DrainEnd.ALL_COMPLETED;
                break;
            }
            if (heldNothing && error == null) {
                end = DrainEnd.NOTHING_HELD;
                break;
            }
            if (closed.get()) {
                end = DrainEnd.STOPPED;
                break;
            }
            if (now - deadline >= 0) {
                end = DrainEnd.DEADLINE;
                break;
            }
            long next = Math.min(readStart + READ_EVERY.toNanos(), deadline);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - now)); // the poll's pacing interval
        }
        if (failed > 0) {
            timeline.record(new TimelineEvent.Note(timeline.now(), "load: " + failed + " of " + reads + " reads of "
                    + spec.results().path() + " failed; last: " + lastError));
        }
        return end;
    }

    /**
     * One read of the results endpoint into the ledger; the error when it failed, else null. Incremental
     * ({@code ?after=<cursor>}) once the endpoint has given a cursor, else the whole list; the answer is parsed as it
     * streams in, never held whole.
     */
    private String readResults() throws InterruptedException {
        reading.lockInterruptibly();
        try {
            String after = cursor;
            HttpRequest request = HttpRequest.newBuilder(resultsUri(after)).timeout(READ_TIMEOUT).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() < 200 || response.statusCode() >= 300) {
                    if (after != null && response.statusCode() == 400) {
                        cursor = null; // a cursor the endpoint no longer takes: read it all again next time
                    }
                    return "HTTP " + response.statusCode();
                }
                cursor = readCompleted(body, ledger, timeline.now());
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return describe(e);
        } finally {
            reading.unlock();
        }
    }

    /** The results endpoint, asked for what changed after {@code cursor} unless it is null. */
    private URI resultsUri(String after) {
        Endpoint results = spec.results();
        if (after == null) {
            return uri(results);
        }
        String path = results.path() + (results.path().contains("?") ? "&" : "?") + "after="
                + URLEncoder.encode(after, StandardCharsets.UTF_8);
        return context.baseUri(results).resolve(path);
    }

    /**
     * Streams an answer {@code {"completed":[{"id":"a","count":2}, ...], "cursor":"..."}} into {@code ledger}, each
     * id completed as read at {@code t}; returns the cursor, or null when the answer has none (an endpoint that only
     * answers whole lists). Entries before a malformed one are already recorded (counts only ever grow).
     */
    static String readCompleted(InputStream body, Ledger ledger, long t) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw shape(p);
            }
            boolean sawCompleted = false;
            String cursor = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if (name.equals("completed")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw shape(p);
                    }
                    sawCompleted = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readEntry(p, ledger, t);
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw entry(p);
                    }
                } else if (name.equals("cursor") && value == JsonToken.VALUE_STRING) {
                    cursor = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (!sawCompleted || p.currentToken() != JsonToken.END_OBJECT) {
                throw shape(p);
            }
            return cursor;
        }
    }

    private static void readEntry(JsonParser p, Ledger ledger, long t) throws IOException {
        String id = null;
        int count = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            JsonToken value = p.nextToken();
            if (name.equals("id") && value == JsonToken.VALUE_STRING) {
                id = p.getText();
            } else if (name.equals("count") && value == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0) {
                count = p.getIntValue();
            } else if (name.equals("id") || name.equals("count")) {
                throw entry(p);
            } else {
                p.skipChildren();
            }
        }
        if (id == null || count < 0) {
            throw entry(p);
        }
        ledger.completed(id, count, t);
    }

    private static IOException shape(JsonParser p) {
        return new IOException("expected {\"completed\":[{\"id\":...,\"count\":n}, ...]}, but found "
                + found(p));
    }

    private static IOException entry(JsonParser p) {
        return new IOException("expected {\"id\":\"...\",\"count\":n} in completed, but found " + found(p));
    }

    private static String found(JsonParser p) {
        JsonToken t = p.currentToken();
        String text;
        try {
            text = t == null ? "the end" : t == JsonToken.VALUE_STRING ? abbreviate(p.getText()) : t.asString();
        } catch (IOException e) {
            text = t.name();
        }
        return (text == null ? t.name() : text) + " at line " + p.getTokenLocation().getLineNr() + ", column "
                + p.getTokenLocation().getColumnNr();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pacer.shutdownNow();
        reader.shutdownNow();
        submitting.complete(null);
        closedSignal.complete(null);
        // Java 17's HttpClient has no close(): stopping its executor ends its work; its selector thread is a
        // daemon that ends once the client is unreachable
        httpExecutor.shutdownNow();
    }

    private static void await(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load driver failed", e.getCause());
        }
    }

    /** {@code java.net.ConnectException: Connection refused}, looking through wrappers without a message. */
    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        StringBuilder text = new StringBuilder(t.getClass().getName());
        Throwable detail = t;
        while (detail != null && detail.getMessage() == null && detail.getCause() != null) {
            detail = detail.getCause();
        }
        if (detail != null && detail.getMessage() != null) {
            text.append(": ");
            if (detail != t) {
                text.append(detail.getClass().getSimpleName()).append(": ");
            }
            text.append(detail.getMessage());
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "...'";
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
