package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultProxy;
import dev.faultline.engine.yaml.YamlParams;

class NetworkContractTest extends LinkFaultContractTest {
    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);

    private static Fault network(String with) {
        return new NetworkType().configure(YamlParams.parse(with), WINDOW);
    }

    @Override
    protected Fault fault() {
        return network("{latency: 200ms, jitter: 20ms, bandwidth: 1MB/s, toxicity: 50%}");
    }

    // ---- where the toxics go

    @Test
    void aLinkFaultPutsItsToxicsOnTheLinksPortScopedToTheChosenClients() throws Exception {
        clientInstances = List.of("worker-0", "worker-1");
        Fault fault = network("{latency: 200ms, direction: downstream, toxicity: 50%}");

        run(fault).apply();

        JsonNode toxic = server.toxics(proxyName).get(0);
        assertThat(server.toxics(proxyName)).hasSize(1);
        assertThat(toxic.path("name").asText()).isEqualTo("faultline-under-test-latency-downstream");
        assertThat(toxic.path("type").asText()).isEqualTo("latency");
        assertThat(toxic.path("stream").asText()).isEqualTo("downstream");
        assertThat(toxic.path("toxicity").asDouble()).isEqualTo(0.5);
        assertThat(toxic.path("attributes").path("latency").asLong()).isEqualTo(200);
        assertThat(toxic.path("clients")).extracting(JsonNode::asText).containsExactly("worker-0", "worker-1");
    }

    @Test
    void aLinkFaultLeavesThePortsOfOtherClientsAlone() throws Exception {
        String others = createProxy();
        faultProxy = server.faultProxy(SERVICE,
                new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT)),
                new FaultProxy.ProxiedPort(others, listenPort(others), List.of("orchestrator")));
        Fault fault = network("{latency: 200ms}");

        run(fault).apply();

        assertThat(server.toxics(proxyName)).hasSize(2);
        assertThat(server.toxics(others)).isEmpty();
    }

    @Test
    void aServiceFaultActsOnEveryProxiedPortForEveryClient() throws Exception {
        String second = createProxy();
        faultProxy = server.faultProxy(SERVICE,
                new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT)),
                new FaultProxy.ProxiedPort(second, listenPort(second), List.of("orchestrator")));
        target = Target.all(SERVICE);
        clientInstances = List.of(SERVICE);
        Fault.Handle run = run(network("{timeout: 0s, direction: upstream}"));

        run.apply();

        for (String proxy : List.of(proxyName, second)) {
            assertThat(server.toxics(proxy)).singleElement().satisfies(t -> {
                assertThat(t.path("name").asText()).isEqualTo("faultline-under-test-timeout-upstream");
                assertThat(t.has("clients")).as("scoped to clients: " + t).isFalse();
            });
        }
        assertThat(run.verify().tookEffect()).isTrue();
    }

    // ---- verification and revert

    @Test
    void theVerificationSaysWhichToxicIsMissing() throws Exception {
        Fault.Handle run = run(network("{latency: 200ms}"));
        run.apply();

        server.deleteToxic(proxyName, "faultline-under-test-latency-upstream");

        assertThat(run.verify().detail())
                .isEqualTo(proxyName + ": faultline-under-test-latency-upstream is missing");
    }

    @Test
    void aToxicScopedToOtherClientsDoesNotCount() throws Exception {
        Fault fault = network("{latency: 200ms, direction: upstream}");
        clientInstances = List.of("worker-0");
        run(fault).apply();

        clientInstances = List.of("worker-1");
        Fault.Verification verification = run(fault).verify();

        assertThat(verification.tookEffect()).isFalse();
        assertThat(verification.detail()).isEqualTo(proxyName + ": faultline-under-test-latency-upstream has "
                + "clients [worker-0] (expected [worker-1])");
    }

    @Test
    void revertLeavesOtherToxicsAlone() throws Exception {
        Fault mine = network("{latency: 200ms}");
        Fault other = network("{bandwidth: 64KB/s}");
        Fault.Handle run = run(mine);
        run(other).apply();
        run.apply();

        run.revert();

        assertThat(server.toxics(proxyName)).extracting(t -> t.path("name").asText())
                .containsExactlyInAnyOrder("faultline-under-test-bandwidth-upstream",
                        "faultline-under-test-bandwidth-downstream");
    }

    @Test
    void revertRemovesWhatWasAppliedWhenApplyFailedHalfWay() throws Exception {
        faultProxy = server.faultProxy(SERVICE,
                new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT)),
                new FaultProxy.ProxiedPort("no-such-proxy", 1, List.of(CLIENT)));
        Fault.Handle run = run(network("{latency: 200ms}"));
        assertThatThrownBy(run::apply).isInstanceOf(IOException.class).hasMessageContaining("404");
        assertThat(server.toxics(proxyName)).isNotEmpty();

        assertThatCode(run::revert).doesNotThrowAnyException();

        assertReverted();
    }

    @Test
    void aLinkFaultWithoutChosenClientsRefusesToActOnEveryClient() {
        clientInstances = List.of();
        Fault fault = network("{latency: 200ms}");

        assertThatThrownBy(() -> run(fault).apply()).isInstanceOf(IllegalStateException.class)
                .hasMessage("fault under-test targets the link client->echo but no client instance was chosen; "
                        + "refusing to act on every client");
    }

    @Test
    void anUnreachableProxyIsAnErrorNotANoOp() {
        faultProxy = new FaultProxy(SERVICE, "127.0.0.1", ProxyServer.freePort(),
                List.of(new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT))));
        Fault.Handle run = run(network("{latency: 200ms}"));

        assertThatThrownBy(run::apply).isInstanceOf(IOException.class)
                .hasMessageContaining("POST http://127.0.0.1:");
        assertThatThrownBy(run::verify).isInstanceOf(IOException.class);
        assertThatThrownBy(run::revert).isInstanceOf(IOException.class);
    }

    @Test
    void applyWithoutAProxyInFrontOfTheServiceSaysWhatToDeclare() throws Exception {
        faultProxy = null;
        Fault.Handle run = run(network("{latency: 200ms}"));

        assertThatThrownBy(run::apply).isInstanceOf(IllegalStateException.class)
                .hasMessage("fault under-test acts through the fault proxy, but no proxy stands in front of echo; "
                        + "declare a link to it under links: in the topology");
        assertThat(run.verify().tookEffect()).isFalse();
        assertThatCode(run::revert).doesNotThrowAnyException();
    }

    // ---- on real traffic

    @Test
    void latencyIsAddedToARoundTripOnAnOpenConnection() throws Exception {
        Fault.Handle run = run(network("{latency: 500ms, direction: downstream}"));
        try (Client client = connect()) {
            client.roundTrip(PING, Duration.ofSeconds(2));

            run.apply();
            Duration slowed = client.roundTrip(PING, Duration.ofSeconds(5));
            run.revert();
            Duration after = client.roundTrip(PING, Duration.ofSeconds(5));

            assertThat(slowed).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(after).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void aPartitionHoldsDataThatFlowsAfterTheRevert() throws Exception {
        Fault.Handle run = run(network("{partition: true}"));
        try (Client client = connect()) {
            client.roundTrip(PING, Duration.ofSeconds(2));
            run.apply();

            client.send(PING);
            assertThat(client.receive(PING.length, Duration.ofMillis(500))).as("echo during the partition").isEmpty();
            run.revert();

            assertThat(client.receive(PING.length, Duration.ofSeconds(5))).as("echo after the revert").hasValue(PING);
        }
    }

    @Test
    void aLinkFaultScopedToAnotherClientLeavesTheConnectionAlone() throws Exception {
        clientInstances = List.of("worker-0");
        Fault.Handle run = run(network("{partition: true}"));
        try (Client client = connect()) {
            run.apply();

            assertThat(run.verify().tookEffect()).isTrue();
            client.roundTrip(PING, Duration.ofSeconds(2));
        }
    }

    @Test
    void aLinkFaultScopedToTheClientsHostNameHitsItsConnection() throws Exception {
        clientInstances = List.of("localhost");
        Fault.Handle run = run(network("{partition: true}"));
        try (Client client = connect()) {
            run.apply();

            client.send(PING);
            assertThat(client.receive(PING.length, Duration.ofMillis(500))).as("echo during the partition").isEmpty();
        }
    }
}
