package dev.faultline.injectors;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.spi.FaultProxy;

/**
 * The real fault proxy ({@code proxy/target/faultline-proxy.jar}) running as a child process on 127.0.0.1, driven
 * through its HTTP API with plain requests (not through the code under test). Its output goes to
 * {@code target/faultline-proxy-<port>.log}.
 */
final class ProxyServer implements AutoCloseable {
    static final String JAR_PROPERTY = "faultline.proxy.jar";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int apiPort;
    private final Path log;

    private ProxyServer(Process process, int apiPort, Path log) {
        this.process = process;
        this.apiPort = apiPort;
        this.log = log;
    }

    /** Starts the jar named by the {@value #JAR_PROPERTY} system property and waits until it answers /version. */
    static ProxyServer start() throws IOException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "../proxy/target/faultline-proxy.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the fault proxy jar is not at " + jar + "; build it first: "
                    + "mvn -pl proxy package (or set -D" + JAR_PROPERTY + "=<path>)");
        }
        int port = freePort();
        Path log = Path.of("target", "faultline-proxy-" + port + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "-host", "127.0.0.1", "-port",
                String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ProxyServer server = new ProxyServer(process, port, log);
        try {
            await("the fault proxy on 127.0.0.1:" + port + " answering GET /version")
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("the fault proxy exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> server.send("GET", "/version", null).statusCode() == 200);
        } catch (RuntimeException e) {
            String output = server.output();
            server.close();
            throw new IllegalStateException("the fault proxy " + jar + " did not start: " + e.getMessage()
                    + "\n--- its output (" + log + "):\n" + output, e);
        }
        return server;
    }

    int apiPort() {
        return apiPort;
    }

    /**
     * A proxy named {@code name}, listening on a free port of 127.0.0.1, in front of {@code 127.0.0.1:upstreamPort}.
     *
     * @return the port it listens on
     */
    int createProxy(String name, int upstreamPort) throws IOException {
        int listen = freePort();
        String body = JSON.createObjectNode()
                .put("name", name)
                .put("listen", "127.0.0.1:" + listen)
                .put("upstream", "127.0.0.1:" + upstreamPort)
                .put("enabled", true)
                .toString();
        expect(send("POST", "/proxies", body), 200, 201);
        return listen;
    }

    void deleteProxy(String name) throws IOException {
        expect(send("DELETE", "/proxies/" + name, null), 200, 204, 404);
    }

    /** The proxy's toxics as the server reports them. */
    JsonNode toxics(String proxy) throws IOException {
        return JSON.readTree(expect(send("GET", "/proxies/" + proxy + "/toxics", null), 200).body());
    }

    /** Deletes a toxic behind a fault's back. */
    void deleteToxic(String proxy, String toxic) throws IOException {
        expect(send("DELETE", "/proxies/" + proxy + "/toxics/" + toxic, null), 200, 204);
    }

    boolean enabled(String proxy) throws IOException {
        return JSON.readTree(expect(send("GET", "/proxies/" + proxy, null), 200).body()).path("enabled").asBoolean();
    }

    void setEnabled(String proxy, boolean enabled) throws IOException {
        expect(send("POST", "/proxies/" + proxy, JSON.createObjectNode().put("enabled", enabled).toString()), 200);
    }

    /** How a fault sees this server: a proxy in front of {@code service} with these ports. */
    FaultProxy faultProxy(String service, FaultProxy.ProxiedPort... ports) {
        return new FaultProxy(service, "127.0.0.1", apiPort, List.of(ports));
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + path, e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int... statuses) throws IOException {
        for (int s : statuses) {
            if (response.statusCode() == s) {
                return response;
            }
        }
        throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
