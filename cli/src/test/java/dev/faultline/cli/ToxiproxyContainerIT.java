package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.Test;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' own {@code ToxiproxyContainer} runs Faultline's proxy image in place of Shopify's, and the official
 * Java client drives it: a user's existing Toxiproxy tests switch by changing the image name.
 */
class ToxiproxyContainerIT {
    private static final DockerImageName IMAGE =
            DockerImageName.parse("faultline/toxiproxy:latest").asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy");
    private static final int PROXIED = 8666;

    @Test
    void toxiproxyContainerRunsTheFaultProxyImageAndTheOfficialClientAddsLatency() throws Exception {
        try (ToxiproxyContainer toxiproxy = new ToxiproxyContainer(IMAGE)
                .withLabels(Map.of("dev.faultline.test", "toxiproxy-container"))
                .withCreateContainerCmdModifier(cmd -> {
                    // every exposed port (the API and Toxiproxy's 32 proxy ports) published on 127.0.0.1 only
                    Ports bindings = new Ports();
                    for (ExposedPort port : cmd.getExposedPorts()) {
                        bindings.bind(port, Ports.Binding.bindIp("127.0.0.1"));
                    }
                    HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
                    cmd.withHostConfig(host.withPortBindings(bindings));
                })) {
            toxiproxy.start();
            ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", toxiproxy.getControlPort());
            // The proxy's upstream is the server's own API inside the container: no second container needed.
            Proxy proxy = client.createProxy("api", "0.0.0.0:" + PROXIED, "127.0.0.1:8474");
            URI throughProxy = URI.create("http://127.0.0.1:" + toxiproxy.getMappedPort(PROXIED) + "/version");

            long clean = fastestOf(3, throughProxy);
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300);
            long slowed = fastestOf(3, throughProxy);

            assertThat(client.version()).isNotBlank();
            assertThat(clean).as("a clean round trip through the proxy, ms").isLessThan(200);
            assertThat(slowed).as("a round trip with 300 ms latency downstream, ms").isBetween(300L, 600L);
        }
    }

    /** The fastest of {@code n} GETs on fresh connections, in ms. */
    private static long fastestOf(int n, URI uri) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            best = Math.min(best, took);
        }
        return best;
    }
}
