package dev.faultline.engine.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.TransportConfig;

import dev.faultline.engine.spi.ContainerControl.Stats;

/**
 * Docker's stats of one container, one sample at a time and at once ({@code stream=false&one-shot=true}: Docker
 * answers without waiting a second for a second sample, which docker-java's stats command cannot ask for).
 */
final class DockerStats implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;

    DockerStats() {
        TransportConfig transport = DockerClientFactory.instance().getTransportConfig();
        this.http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(transport.getDockerHost())
                .sslConfig(transport.getSslConfig())
                .maxConnections(8)
                .build();
    }

    Stats sample(String containerId) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/stats?stream=false&one-shot=true")
                .build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("Docker answered " + response.getStatusCode() + " to a stats request for "
                        + containerId);
            }
            return parse(JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Docker's stats of " + containerId, e);
        }
    }

    /** Docker's figures; memory in use as {@code docker stats} shows it: usage less the inactive file cache. */
    static Stats parse(JsonNode stats) {
        Instant readAt = Instant.parse(stats.path("read").asText());
        long cpu = stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong();
        JsonNode memory = stats.path("memory_stats");
        long usage = memory.path("usage").asLong();
        JsonNode detail = memory.path("stats");
        long inactiveFile = detail.has("total_inactive_file") ? detail.path("total_inactive_file").asLong()
                : detail.path("inactive_file").asLong();
        long inUse = inactiveFile < usage ? usage - inactiveFile : usage;
        return new Stats(readAt, cpu, inUse, memory.path("limit").asLong());
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
