package dev.faultline.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A system under test on 127.0.0.1: {@code POST /tasks} answers {@link #submitStatus} and, for 2xx, completes the
 * item {@link #completions} times, visible on {@code GET /results} once {@link #completeAfterMs} have passed.
 */
final class FakeSystem implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    volatile int submitStatus = 202;
    /** When above 0, every this many-th submission answers 503 instead. */
    volatile int refuseEvery = 0;
    /** The service time of each submission, simulated. */
    volatile long answerAfterMs = 0;
    private final AtomicInteger submissions = new AtomicInteger();
    /** Submissions being answered now, and the most at once. */
    private final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger mostConcurrent = new AtomicInteger();
    volatile int completions = 1;
    volatile long completeAfterMs = 0;
    /** The first this many reads of /results answer 500. */
    volatile int failingReads = 0;
    /** When set, /tasks answers only once it is counted down. */
    volatile CountDownLatch holdSubmissions;

    final Queue<JsonNode> bodies = new ConcurrentLinkedQueue<>();
    final Queue<String> contentTypes = new ConcurrentLinkedQueue<>();
    final AtomicInteger reads = new AtomicInteger();
    /** When set, /results answers with a cursor and, asked {@code ?after=<cursor>}, only what completed since. */
    volatile boolean cursors;
    /** The raw query of every read of /results, "" when none. */
    final Queue<String> queries = new ConcurrentLinkedQueue<>();
    /** Entries of {@code completed} answered over every read. */
    final AtomicInteger entriesAnswered = new AtomicInteger();
    private final Map<String, Completion> completed = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private record Completion(int count, long visibleAtNanos) {
    }

    FakeSystem() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tasks", this::submit);
        server.createContext("/results", this::results);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> submittedIds() {
        return bodies.stream().map(b -> b.get("id").asText()).toList();
    }

    private void submit(HttpExchange exchange) throws IOException {
        int now = concurrent.incrementAndGet();
        mostConcurrent.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            bodies.add(body);
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            CountDownLatch hold = holdSubmissions;
            if (hold != null) {
                hold.await(10, TimeUnit.SECONDS);
            }
            if (answerAfterMs > 0) {
                TimeUnit.MILLISECONDS.sleep(answerAfterMs); // simulated service time, not a wait for a condition
            }
            int status = refuseEvery > 0 && submissions.incrementAndGet() % refuseEvery == 0 ? 503 : submitStatus;
            if (status >= 200 && status < 300 && completions > 0) {
                completed.put(body.get("id").asText(),
                        new Completion(completions, System.nanoTime() + completeAfterMs * 1_000_000));
            }
            // no longer in flight once answered: the caller may send its next request before this handler returns
            concurrent.decrementAndGet();
            counted = false;
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                concurrent.decrementAndGet();
            }
        }
    }

    private void results(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (reads.incrementAndGet() <= failingReads) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query == null ? "" : query);
            long after = query != null && query.startsWith("after=") ? Long.parseLong(query.substring(6)) : Long.MIN_VALUE;
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("completed");
            long now = System.nanoTime();
            completed.forEach((id, c) -> {
                if (now - c.visibleAtNanos() >= 0 && (after == Long.MIN_VALUE || c.visibleAtNanos() - after > 0)) {
                    list.addObject().put("id", id).put("count", c.count());
                }
            });
            entriesAnswered.addAndGet(list.size());
            if (cursors) {
                root.put("cursor", Long.toString(now));
            }
            byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        CountDownLatch hold = holdSubmissions;
        if (hold != null) {
            hold.countDown();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
