package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.FaultProxy;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Issue 13: a fault proxy takes the service's name on the run network, so every service could reach its control API
 * (rabbitmq:8474) and end a fault early. The proxy answers the API only to the run network's gateway, through which
 * the harness's calls to the port published on 127.0.0.1 arrive.
 */
class ProxyApiReachIT {
    @Test
    void aServiceOnTheRunNetworkIsRefusedTheProxyApiWhileTheHarnessUsesItAndTrafficStillFlows() throws Exception {
        Topology topology = ScenarioLoader.standard()
                .loadTopology(ShippedScenariosIT.ROOT.resolve("scenarios/topologies/support-desk.yaml"));
        String runId = "proxy-api-reach-" + Long.toString(System.currentTimeMillis(), 36);
        try (TopologyRuntime runtime = new TopologyRuntime(topology, runId)) {
            runtime.start(line -> { });
            DockerClient docker = DockerClientFactory.instance().client();
            String worker = docker.listContainersCmd().withLabelFilter(Map.of("dev.faultline.run", runtime.runId(),
                    "dev.faultline.instance", "worker-0")).exec().get(0).getId();

            String fromService = exec(docker, worker, "exec 3<>/dev/tcp/rabbitmq/8474 && printf 'GET /proxies HTTP/1.1\\r\\n"
                    + "Host: rabbitmq\\r\\n\\r\\n' >&3 && head -c 200 <&3");
            FaultProxy proxy = runtime.links().proxyFor("rabbitmq").orElseThrow();
            HttpResponse<String> fromHarness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + proxy.apiHost() + ":" + proxy.apiPort() + "/proxies"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            String amqp = exec(docker, worker, "exec 3<>/dev/tcp/rabbitmq/5672 && printf 'AMQP\\x00\\x00\\x09\\x01' >&3 "
                    + "&& head -c 1 <&3 | od -An -tx1");

            assertThat(fromService).as("the API seen from worker-0").startsWith("HTTP/1.1 403 Forbidden")
                    .contains("-api-clients").doesNotContain("rabbitmq-5672");
            assertThat(fromHarness.statusCode()).isEqualTo(200);
            assertThat(fromHarness.body()).contains("\"rabbitmq-5672\"");
            assertThat(amqp.trim()).as("first byte of RabbitMQ's answer through the proxy (a method frame)").isEqualTo("01");
        }
    }

    private static String exec(DockerClient docker, String container, String script) throws InterruptedException {
        var exec = docker.execCreateCmd(container).withCmd("timeout", "10", "bash", "-c", script)
                .withAttachStdout(true).withAttachStderr(true).exec();
        StringBuilder out = new StringBuilder();
        docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion();
        return out.toString();
    }
}
