package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * A declared link's target name reaches the fault proxy and nothing else: a service that still answered to its own
 * name (Docker's DNS also serves container host names) would let part of the traffic bypass every network fault.
 */
class LinkInterpositionIT {
    @Test
    void aLinkedServiceNameResolvesOnlyToItsFaultProxy() throws Exception {
        Topology topology = ScenarioLoader.standard()
                .loadTopology(ShippedScenariosIT.ROOT.resolve("scenarios/topologies/support-desk.yaml"));
        String runId = "link-interposition-" + Long.toString(System.currentTimeMillis(), 36);
        try (TopologyRuntime runtime = new TopologyRuntime(topology, runId)) {
            runtime.start(line -> { });
            DockerClient docker = DockerClientFactory.instance().client();
            String worker = containerOf(docker, runtime.runId(), "worker-0");
            String proxyIp = ipOf(docker, containerOfProxy(docker, runtime.runId(), "rabbitmq"));

            Set<String> answers = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                answers.addAll(resolve(docker, worker, "rabbitmq"));
            }

            assertThat(answers).as("addresses of 'rabbitmq' seen from worker-0").containsExactly(proxyIp);
            assertThat(runtime.links().proxyFor("rabbitmq")).isPresent();
            assertThat(runtime.links().proxyFor("orchestrator")).isEmpty();
        }
        assertThat(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of("dev.faultline.run", runId)).exec()).as("containers left").isEmpty();
    }

    private static String containerOf(DockerClient docker, String runId, String instance) {
        return docker.listContainersCmd().withLabelFilter(java.util.Map.of("dev.faultline.run", runId,
                "dev.faultline.instance", instance)).exec().get(0).getId();
    }

    private static String containerOfProxy(DockerClient docker, String runId, String service) {
        return docker.listContainersCmd().withLabelFilter(java.util.Map.of("dev.faultline.run", runId,
                "dev.faultline.proxy-for", service)).exec().get(0).getId();
    }

    private static String ipOf(DockerClient docker, String container) {
        return docker.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();
    }

    private static Set<String> resolve(DockerClient docker, String container, String name) throws InterruptedException {
        var exec = docker.execCreateCmd(container).withCmd("getent", "ahostsv4", name).withAttachStdout(true).exec();
        StringBuilder out = new StringBuilder();
        docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion();
        Set<String> ips = new HashSet<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                ips.add(line.trim().split("\\s+")[0]);
            }
        }
        return ips;
    }
}
