package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An agent's API takes no connection before it can answer at once, and warms its answer path without side effects. */
class HttpApiStartTest {
    private HttpApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void connectionsAreRefusedUntilStartedThenAnswered() throws Exception {
        int port = freePort();
        api = new HttpApi(port).inline("GET", "/health", request -> HttpApi.Response.ok("up"));

        assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(ConnectException.class);

        api.start();
        assertThat(api.port()).isEqualTo(port);
        assertThat(get(port, "/health")).startsWith("HTTP/1.1 200");
    }

    @Test
    void startAsksEachInlineGetRouteAndNothingElse() throws Exception {
        AtomicInteger health = new AtomicInteger();
        AtomicInteger ready = new AtomicInteger();
        AtomicInteger post = new AtomicInteger();
        AtomicInteger blockingGet = new AtomicInteger();
        api = new HttpApi(0)
                .inline("GET", "/health", request -> HttpApi.Response.ok(health.incrementAndGet()))
                .inline("GET", "/ready", request -> HttpApi.Response.ok(ready.incrementAndGet()))
                .inline("POST", "/health", request -> HttpApi.Response.ok(post.incrementAndGet()))
                .blocking("GET", "/state", request -> HttpApi.Response.ok(blockingGet.incrementAndGet()));

        api.start();

        assertThat(health).hasValue(HttpApi.WARM_UP_ROUNDS);
        assertThat(ready).hasValue(HttpApi.WARM_UP_ROUNDS);
        assertThat(post).hasValue(0);
        assertThat(blockingGet).hasValue(0);
        assertThat(get(api.port(), "/health")).startsWith("HTTP/1.1 200")
                .endsWith(String.valueOf(HttpApi.WARM_UP_ROUNDS + 1));
    }

    /** Whole-heap collections so far (the young generation's alone happen by themselves while the test runs). */
    private static long wholeHeapCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> !gc.getName().matches(".*(Young|Copy|Scavenge|ParNew).*"))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    @Test
    void theStartUpGarbageIsCollectedBeforeThePortIsBound() throws Exception {
        api = new HttpApi(0).inline("GET", "/health", request -> HttpApi.Response.ok("up"));
        long before = wholeHeapCollections();

        api.start();

        assertThat(wholeHeapCollections()).as("whole-heap collections during the start").isGreaterThan(before);
    }

    @Test
    void aPortTakenFailsTheStartNotTheConstruction() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            api = new HttpApi(taken.getLocalPort());

            assertThatThrownBy(api::start).isInstanceOf(IOException.class);
        }
    }
}
