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
import dev.faultline.engine.spi.FaultContext;
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

        fault.apply(context(fault));

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

        fault.apply(context(fault));

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
        Fault fault = network("{timeout: 0s, direction: upstream}");

        fault.apply(context(fault));

        for (String proxy : List.of(proxyName, second)) {
            assertThat(server.toxics(proxy)).singleElement().satisfies(t -> {
                assertThat(t.path("name").asText()).isEqualTo("faultline-under-test-timeout-upstream");
                assertThat(t.has("clients")).as("scoped to clients: " + t).isFalse();
            });
        }
        assertThat(fault.verify(context(fault)).tookEffect()).isTrue();
    }

    // ---- verification and revert

    @Test
    void theVerificationSaysWhichToxicIsMissing() throws Exception {
        Fault fault = network("{latency: 200ms}");
        FaultContext context = context(fault);
        fault.apply(context);

        server.deleteToxic(proxyName, "faultline-under-test-latency-upstream");

        assertThat(fault.verify(context).detail())
                .isEqualTo(proxyName + ": faultline-under-test-latency-upstream is missing");
    }

    @Test
    void aToxicScopedToOtherClientsDoesNotCount() throws Exception {
        Fault fault = network("{latency: 200ms, direction: upstream}");
        clientInstances = List.of("worker-0");
        fault.apply(context(fault));

        clientInstances = List.of("worker-1");
        Fault.Verification verification = fault.verify(context(fault));

        assertThat(verification.tookEffect()).isFalse();
        assertThat(verification.detail()).isEqualTo(proxyName + ": faultline-under-test-latency-upstream has "
                + "clients [worker-0] (expected [worker-1])");
    }

    @Test
    void revertLeavesOtherToxicsAlone() throws Exception {
        Fault mine = network("{latency: 200ms}");
        Fault other = network("{bandwidth: 64KB/s}");
        FaultContext context = context(mine);
        other.apply(context(other));
        mine.apply(context);

        mine.revert(context);

        assertThat(server.toxics(proxyName)).extracting(t -> t.path("name").asText())
                .containsExactlyInAnyOrder("faultline-under-test-bandwidth-upstream",
                        "faultline-under-test-bandwidth-downstream");
    }

    @Test
    void revertRemovesWhatWasAppliedWhenApplyFailedHalfWay() throws Exception {
        faultProxy = server.faultProxy(SERVICE,
                new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT)),
                new FaultProxy.ProxiedPort("no-such-proxy", 1, List.of(CLIENT)));
        Fault fault = network("{latency: 200ms}");
        FaultContext context = context(fault);
        assertThatThrownBy(() -> fault.apply(context)).isInstanceOf(IOException.class).hasMessageContaining("404");
        assertThat(server.toxics(proxyName)).isNotEmpty();

        assertThatCode(() -> fault.revert(context)).doesNotThrowAnyException();

        assertReverted();
    }

    @Test
    void aLinkFaultWithoutChosenClientsRefusesToActOnEveryClient() {
        clientInstances = List.of();
        Fault fault = network("{latency: 200ms}");

        assertThatThrownBy(() -> fault.apply(context(fault))).isInstanceOf(IllegalStateException.class)
                .hasMessage("fault under-test targets the link client->echo but no client instance was chosen; "
                        + "refusing to act on every client");
    }

    @Test
    void anUnreachableProxyIsAnErrorNotANoOp() {
        faultProxy = new FaultProxy(SERVICE, "127.0.0.1", ProxyServer.freePort(),
                List.of(new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT))));
        Fault fault = network("{latency: 200ms}");
        FaultContext context = context(fault);

        assertThatThrownBy(() -> fault.apply(context)).isInstanceOf(IOException.class)
                .hasMessageContaining("POST http://127.0.0.1:");
        assertThatThrownBy(() -> fault.verify(context)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> fault.revert(context)).isInstanceOf(IOException.class);
    }

    @Test
    void applyWithoutAProxyInFrontOfTheServiceSaysWhatToDeclare() throws Exception {
        faultProxy = null;
        Fault fault = network("{latency: 200ms}");
        FaultContext context = context(fault);

        assertThatThrownBy(() -> fault.apply(context)).isInstanceOf(IllegalStateException.class)
                .hasMessage("fault under-test acts through the fault proxy, but no proxy stands in front of echo; "
                        + "declare a link to it under links: in the topology");
        assertThat(fault.verify(context).tookEffect()).isFalse();
        assertThatCode(() -> fault.revert(context)).doesNotThrowAnyException();
    }

    // ---- on real traffic

    @Test
    void latencyIsAddedToARoundTripOnAnOpenConnection() throws Exception {
        Fault fault = network("{latency: 500ms, direction: downstream}");
        FaultContext context = context(fault);
        try (Client client = connect()) {
            client.roundTrip(PING, Duration.ofSeconds(2));

            fault.apply(context);
            Duration slowed = client.roundTrip(PING, Duration.ofSeconds(5));
            fault.revert(context);
            Duration after = client.roundTrip(PING, Duration.ofSeconds(5));

            assertThat(slowed).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(after).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void aPartitionHoldsDataThatFlowsAfterTheRevert() throws Exception {
        Fault fault = network("{partition: true}");
        FaultContext context = context(fault);
        try (Client client = connect()) {
            client.roundTrip(PING, Duration.ofSeconds(2));
            fault.apply(context);

            client.send(PING);
            assertThat(client.receive(PING.length, Duration.ofMillis(500))).as("echo during the partition").isEmpty();
            fault.revert(context);

            assertThat(client.receive(PING.length, Duration.ofSeconds(5))).as("echo after the revert").hasValue(PING);
        }
    }

    @Test
    void aLinkFaultScopedToAnotherClientLeavesTheConnectionAlone() throws Exception {
        clientInstances = List.of("worker-0");
        Fault fault = network("{partition: true}");
        FaultContext context = context(fault);
        try (Client client = connect()) {
            fault.apply(context);

            assertThat(fault.verify(context).tookEffect()).isTrue();
            client.roundTrip(PING, Duration.ofSeconds(2));
        }
    }

    @Test
    void aLinkFaultScopedToTheClientsHostNameHitsItsConnection() throws Exception {
        clientInstances = List.of("localhost");
        Fault fault = network("{partition: true}");
        FaultContext context = context(fault);
        try (Client client = connect()) {
            fault.apply(context);

            client.send(PING);
            assertThat(client.receive(PING.length, Duration.ofMillis(500))).as("echo during the partition").isEmpty();
        }
    }
}
