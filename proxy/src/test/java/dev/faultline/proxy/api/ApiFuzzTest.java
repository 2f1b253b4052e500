package dev.faultline.proxy.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.proxy.core.ConnectionGate;
import dev.faultline.proxy.core.HostAndPort;
import dev.faultline.proxy.core.IpLiterals;
import dev.faultline.proxy.core.Limits;
import dev.faultline.proxy.core.NetworkContext;
import dev.faultline.proxy.core.Proxy;
import dev.faultline.proxy.core.ProxyRegistry;
import dev.faultline.proxy.scope.HostNameResolver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Fuzzes the API in-process: requests go to {@link ApiService#handle} (and, for inputs starting with {@code RAW\n},
 * raw bytes through the HTTP decoding of {@link ApiServer} on an {@link EmbeddedChannel}). No exception may escape,
 * no answer may be a 500 (but for a port already in use, as in Toxiproxy), and whatever a request stored must
 * still be readable: {@code GET /proxies} and every proxy's toxics answer 200 afterwards.
 *
 * <p>An input is {@code METHOD /path\nbody} or {@code RAW\n<http request>}; the seeds are under
 * {@code ApiFuzzTestInputs/fuzzApi}. Before each input the server holds proxy {@code p} with toxic {@code t}.
 * Runs as a regression test over the seeds; {@code mvn verify} fuzzes it for 30 s (JAZZER_FUZZ=1).
 */
class ApiFuzzTest {
    private static final ObjectMapper LENIENT = new ObjectMapper();
    private static final Limits LIMITS = new Limits(4, 4, 16, 8, 4, Duration.ofSeconds(5));
    private static final Set<Integer> ALLOWED = Set.of(200, 201, 204, 400, 403, 404, 405, 409, 413, 414, 431);
    private static ProxyRegistry registry;
    private static ApiService service;

    private static synchronized void init() {
        if (service != null) {
            return;
        }
        HostNameResolver names = HostNameResolver.start(name -> {
            throw new UnknownHostException(name + " (the fuzz test resolves no names)");
        }, () -> { });
        registry = new ProxyRegistry(new NetworkContext(new NioEventLoopGroup(1), new NioEventLoopGroup(1),
                Executors.newSingleThreadExecutor(), names, new Random(1), LIMITS, ConnectionGate.of(LIMITS.maxConnections())));
        service = new ApiService(registry, LIMITS);
    }

    @FuzzTest(maxDuration = "15s")
    void fuzzApi(byte[] input) {
        init();
        if (bindsOutsideLoopback(input)) {
            return;
        }
        try {
            check(service.handle(request("POST /proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}")));
            check(service.handle(request("POST /proxies/p/toxics", "{\"name\":\"t\",\"type\":\"latency\"}")));
            String text = new String(input, StandardCharsets.ISO_8859_1);
            if (text.startsWith("RAW\n")) {
                raw(Arrays.copyOfRange(input, 4, input.length));
            } else {
                int newline = text.indexOf('\n');
                String line = newline < 0 ? text : text.substring(0, newline);
                byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
                check(service.handle(request(line, body)));
            }
            ApiResponse all = service.handle(request("GET /proxies", ""));
            if (all.status() != 200) {
                throw new AssertionError("GET /proxies answers " + all.status() + " after the input: " + all.bodyText());
            }
            for (Proxy proxy : registry.all()) {
                check(service.handle(new ApiRequest("GET", List.of("proxies", proxy.name(), "toxics"), new byte[0], null)));
            }
        } finally {
            for (Proxy proxy : registry.all()) {
                registry.remove(proxy.name());
            }
        }
    }

    /** Sends raw bytes through the API's HTTP handlers; every answer must be a documented status. */
    private static void raw(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel();
        ApiServer.addHttpHandlers(channel.pipeline(), service, Runnable::run);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) message;
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        channel.finishAndReleaseAll();
        for (int at = out.indexOf("HTTP/1.1 "); at >= 0; at = out.indexOf("HTTP/1.1 ", at + 1)) {
            int status = Integer.parseInt(out.substring(at + 9, at + 12));
            if (status == 500 || status < 200) {
                throw new AssertionError("answered " + status + ": " + out);
            }
        }
    }

    private static void check(ApiResponse response) {
        boolean bindFailure = response.status() == 500 && response.bodyText().contains("listen tcp");
        if (!ALLOWED.contains(response.status()) && !bindFailure) {
            throw new AssertionError("answered " + response.status() + ": " + response.bodyText());
        }
    }

    private static ApiRequest request(String line, String body) {
        return request(line, body.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiRequest request(String line, byte[] body) {
        int space = line.indexOf(' ');
        String method = space < 0 ? line : line.substring(0, space);
        String path = space < 0 ? "" : line.substring(space + 1);
        List<String> segments = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                segments.add(part);
            }
        }
        return new ApiRequest(method, segments, body, null);
    }

    /**
     * Whether the input could make the server listen anywhere but on loopback, or look a listen host up in DNS:
     * such inputs are skipped, since a test may only open ports on 127.0.0.1 and send no traffic elsewhere.
     */
    private static boolean bindsOutsideLoopback(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        if (!text.contains("listen") && !text.contains("\\u")) {
            return false;
        }
        int brace = text.indexOf('{');
        int bracket = text.indexOf('[');
        int start = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
        if (start < 0) {
            return false;
        }
        List<JsonNode> listens;
        try {
            listens = LENIENT.readTree(Arrays.copyOfRange(input, start, input.length)).findValues("listen");
        } catch (Exception e) {
            return text.contains("listen");
        }
        for (JsonNode listen : listens) {
            if (!listen.isTextual()) {
                continue;
            }
            try {
                InetAddress address = IpLiterals.parse(HostAndPort.parse(listen.textValue()).host());
                if (address == null || !address.isLoopbackAddress()) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not host:port: the API refuses it before binding
            }
        }
        return false;
    }
}
