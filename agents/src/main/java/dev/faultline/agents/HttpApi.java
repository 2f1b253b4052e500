package dev.faultline.agents;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP API on the JDK's built-in server.
 *
 * <p>Routes are either <em>inline</em> (answered on the server's own threads; they must never block: health and
 * readiness) or <em>blocking</em> (handed to a bounded pool, because they wait on the store). A store that hangs can
 * therefore exhaust only the blocking pool, never {@code /health} or {@code /ready}.
 */
final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    static final int MAX_BODY_BYTES = 1 << 20;
    /** How often {@link #start} asks each inline {@code GET} route before it binds the port. */
    static final int WARM_UP_ROUNDS = 20;

    /** One request: method, path, raw query (null when none) and body. */
    record Request(String method, String path, String query, byte[] body) {
        Request(String method, String path, byte[] body) {
            this(method, path, null, body);
        }

        /** The value of the query parameter {@code name} (decoded), or null when absent. */
        String parameter(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (key.equals(name)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** One answer: a status and a body rendered as JSON. */
    record Response(int status, Object body) {
        static Response ok(Object body) {
            return new Response(200, body);
        }

        static Response error(int status, String message) {
            return new Response(status, Json.error(message));
        }
    }

    /** Handles one route. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request) throws Exception;
    }

    private record Route(Handler handler, boolean blocking) {}

    private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();
    private final int port;
    private final HttpServer server;
    private final ExecutorService serverThreads;
    private final ThreadPoolExecutor blockingThreads;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger peakBusy = new AtomicInteger();
    private final AtomicInteger peakQueued = new AtomicInteger();
    private final AtomicBoolean saturated = new AtomicBoolean();

    HttpApi(int port) throws IOException {
        // Without TCP_NODELAY, headers and body leave as two segments and keep-alive clients wait ~40 ms for each
        // response (Nagle against delayed ACK). Read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.port = port;
        this.server = HttpServer.create(); // bound in start(), once it can answer at once
        this.serverThreads = Executors.newFixedThreadPool(4, named("http"));
        this.blockingThreads = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2000), named("http-store"));
        blockingThreads.allowCoreThreadTimeOut(true);
        server.setExecutor(serverThreads);
        server.createContext("/", this::dispatch);
    }

    /** A route answered on the server thread; its handler must not block. */
    HttpApi inline(String method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new TreeMap<>()).put(method, new Route(handler, false));
        return this;
    }

    /** A route whose handler may block (on the store); run on the bounded pool. */
    HttpApi blocking(String method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new TreeMap<>()).put(method, new Route(handler, true));
        return this;
    }

    /**
     * Warms the answer path, then binds the port and starts serving, then logs
     * {@code faultline-agent listening on :<port> at <epoch ms>}: the wall-clock instant the API began serving, which
     * the accuracy benchmark (cli/bench/accuracy) reads from the container log.
     *
     * <p>A JVM's first answer costs ~100 ms more than its second (the HTTP server's and the JSON writer's first use).
     * Paid before the port is bound, a restarted agent refuses connections until it answers them at its normal speed,
     * instead of taking them in and keeping every client waiting that long: its return is one clear moment. For the
     * same reason the start-up's garbage (~50 MB) is collected before the port is bound: left in place, it brings the
     * process's first collection, its slowest (~20 ms, every thread stopped), a few seconds into serving.
     */
    void start() throws IOException {
        warmUp();
        System.gc();
        server.bind(new InetSocketAddress(port), 256);
        server.start();
        log.info("faultline-agent listening on :{} at {}", port(), System.currentTimeMillis());
    }

    /**
     * Asks each inline {@code GET} route {@value #WARM_UP_ROUNDS} times (inline: never blocking; {@code GET}: changing
     * nothing) through a server of its own on a loopback port that is closed again. A failure ends the warm-up and only
     * leaves the path cold.
     */
    private void warmUp() {
        HttpServer scratch = null;
        try {
            scratch = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            scratch.setExecutor(serverThreads);
            scratch.createContext("/", this::dispatch);
            scratch.start();
            int scratchPort = scratch.getAddress().getPort();
            List<String> paths = routes.entrySet().stream()
                    .filter(r -> r.getValue().containsKey("GET") && !r.getValue().get("GET").blocking())
                    .map(Map.Entry::getKey).toList();
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                for (String path : paths) {
                    ask(scratchPort, path);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("warm-up of the HTTP API cut short: {}", e.toString());
        } finally {
            if (scratch != null) {
                scratch.stop(0);
            }
        }
    }

    private static void ask(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: warm-up\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            send(exchange, Response.error(404, "no such path: " + path));
            return;
        }
        Route route = byMethod.get(method);
        if (route == null) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
            send(exchange, Response.error(405, method + " " + path + ": expected one of " + byMethod.keySet()));
            return;
        }
        if (!route.blocking()) {
            run(exchange, route.handler());
            return;
        }
        int inLine = waiting.incrementAndGet();
        try {
            blockingThreads.execute(() -> runBlocking(exchange, route.handler()));
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            send(exchange, Response.error(503, "too many requests in flight; retry later"));
            return;
        }
        if (busy.get() >= blockingThreads.getMaximumPoolSize()) { // else an idle thread takes it at once
            peakQueued.accumulateAndGet(inLine, Math::max);
            if (saturated.compareAndSet(false, true)) {
                log.warn("all {} request threads are busy (waiting on the store); requests wait in line",
                        blockingThreads.getMaximumPoolSize());
            }
        }
    }

    /** A blocking route's request on the pool, counted while it runs. */
    private void runBlocking(HttpExchange exchange, Handler handler) {
        waiting.decrementAndGet();
        peakBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
        try {
            run(exchange, handler);
        } finally {
            busy.decrementAndGet();
            if (waiting.get() == 0 && saturated.compareAndSet(true, false)) {
                log.info("request threads keep up again; so far at most {} busy and {} waiting in line",
                        peakBusy.get(), peakQueued.get());
            }
        }
    }

    /** Requests of blocking routes running now. */
    int busyThreads() {
        return busy.get();
    }

    /** The most requests of blocking routes that ran at once since start (at most the pool's 32 threads). */
    int peakBusyThreads() {
        return peakBusy.get();
    }

    /** The most requests of blocking routes that waited in line for a thread at once since start. */
    int peakQueued() {
        return peakQueued.get();
    }

    private void run(HttpExchange exchange, Handler handler) {
        Response response;
        try {
            byte[] body = readBody(exchange);
            if (body == null) {
                response = Response.error(413, "body: expected at most " + MAX_BODY_BYTES + " bytes");
            } else {
                response = handler.handle(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), body));
            }
        } catch (BadRequestException e) {
            response = Response.error(400, e.getMessage());
        } catch (StoreUnavailableException | CallNotPermittedException e) {
            response = Response.error(503, "store unavailable: " + e.getMessage());
        } catch (Exception e) {
            log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = Response.error(500, "internal error: " + e);
        }
        send(exchange, response);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void send(HttpExchange exchange, Response response) {
        try (exchange) {
            byte[] bytes = Json.write(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        blockingThreads.shutdownNow();
        serverThreads.shutdownNow();
    }
}
