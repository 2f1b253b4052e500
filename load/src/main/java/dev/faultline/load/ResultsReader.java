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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.LoadDriver.DrainEnd;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Reads a load's {@code results} endpoint into its ledger, for every driver: once a second while the load runs (when
 * the endpoint answers incrementally), then through the drain. One read at a time; the answer is parsed as it streams
 * in, never held whole.
 */
public final class ResultsReader implements AutoCloseable {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_EVERY = Duration.ofMillis(250);
    /**
     * How often the results are read while the load runs, for completion times closer than the drain's: only while
     * the endpoint answers incrementally (each read then costs what completed since the last), never for one that
     * answers whole lists only.
     */
    static final Duration READ_DURING_LOAD_EVERY = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadSpec spec;
    private final LoadDriver.Context context;
    private final Ledger ledger;
    private final Timeline timeline;
    private final HttpClient client;
    private final ScheduledExecutorService reader;
    private volatile ScheduledFuture<?> readsDuringLoad;
    /** One read of the results at a time (the reads during the load, then the drain's). */
    private final ReentrantLock reading = new ReentrantLock();
    /** The results endpoint's last cursor; null until it gives one, and for good when it never does. */
    private volatile String cursor;
    private final AtomicInteger readsDuringLoadFailed = new AtomicInteger();
    private volatile String lastErrorDuringLoad;

    /** Reads with {@code client}, which the caller owns; {@code name} names the reading thread. */
    public ResultsReader(LoadSpec spec, LoadDriver.Context context, HttpClient client, String name) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.context = Objects.requireNonNull(context, "context");
        this.ledger = context.ledger();
        this.timeline = context.timeline();
        this.client = Objects.requireNonNull(client, "client");
        this.reader = Executors.newSingleThreadScheduledExecutor(daemon(name));
    }

    /** Starts reading once every {@link #READ_DURING_LOAD_EVERY} while the load runs. */
    public void startReadsDuringLoad() {
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

    /** Ends the reads during the load (the drain's reads follow). */
    public void stopReadsDuringLoad() {
        ScheduledFuture<?> reads = readsDuringLoad;
        if (reads != null) {
            reads.cancel(false);
        }
    }

    /**
     * Reads until no accepted item is pending, {@code nothingHeld} answered true just before a read that succeeded,
     * {@code max} has passed or {@code closed} says the load was stopped: see {@link LoadDriver.Running#drain}.
     */
    public DrainEnd drain(Duration max, BooleanSupplier nothingHeld, BooleanSupplier closed)
            throws InterruptedException {
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(nothingHeld, "nothingHeld");
        if (closed.getAsBoolean()) {
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
            if (closed.getAsBoolean()) {
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
    public static String readCompleted(InputStream body, Ledger ledger, long t) throws IOException {
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

    private static String abbreviate(String text) {
        return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "...'";
    }

    /** {@code java.net.ConnectException: Connection refused}, looking through wrappers without a message. */
    public static String describe(Throwable e) {
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

    private URI uri(Endpoint endpoint) {
        return context.baseUri(endpoint).resolve(endpoint.path());
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
