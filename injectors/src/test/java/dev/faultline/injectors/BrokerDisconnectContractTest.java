package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultProxy;
import dev.faultline.engine.yaml.YamlParams;

/** The fault contract of {@code broker-outage} with {@code mode: disconnect}, against the real fault proxy. */
class BrokerDisconnectContractTest extends LinkFaultContractTest {
    private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void targetTheBroker() {
        target = Target.all(SERVICE);
        clientInstances = List.of(SERVICE);
    }

    @Override
    protected Fault fault() {
        return new BrokerOutageType().configure(YamlParams.parse("{mode: disconnect}"), Duration.ofSeconds(15));
    }

    /** Someone enabled the proxy again behind the fault's back. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        run.apply();
        server.setEnabled(proxyName, true);
    }

    /** Every proxy in front of the broker is enabled, and its container was left alone. */
    @Override
    protected void assertReverted() throws Exception {
        for (FaultProxy.ProxiedPort p : faultProxy.ports()) {
            assertThat(server.enabled(p.proxyName())).as(p.proxyName() + " enabled").isTrue();
        }
        assertThat(containers.operations).isEmpty();
    }

    @Test
    void needsAProxyInFrontOfTheBroker() {
        assertThat(fault().reach()).isEqualTo(Fault.Reach.LINKED_SERVICE);
    }

    @Test
    void disablesEveryProxyInFrontOfTheBroker() throws Exception {
        String second = createProxy();
        faultProxy = server.faultProxy(SERVICE,
                new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT)),
                new FaultProxy.ProxiedPort(second, listenPort(second), List.of("orchestrator")));
        Fault.Handle run = run(fault());

        run.apply();

        assertThat(server.enabled(proxyName)).isFalse();
        assertThat(server.enabled(second)).isFalse();
        assertThat(run.verify().detail()).isEqualTo(proxyName + ", " + second + " disabled");
    }

    @Test
    void theVerificationNamesTheProxiesStillEnabled() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();
        server.setEnabled(proxyName, true);

        assertThat(run.verify().detail()).isEqualTo("proxies still enabled: [" + proxyName + "]");
    }

    @Test
    void clientsSeeTheirConnectionClosedAndNewOnesRefusedUntilTheRevert() throws Exception {
        Fault.Handle run = run(fault());
        try (Client open = connect()) {
            open.roundTrip(PING, Duration.ofSeconds(2));

            run.apply();

            assertThatThrownBy(() -> {
                open.send(PING);
                open.receive(PING.length, Duration.ofSeconds(5));
            }).as("the open connection").isInstanceOf(IOException.class);
            assertThatThrownBy(this::connect).as("a new connection").isInstanceOf(ConnectException.class);
        }
        run.revert();
        try (Client again = connect()) {
            again.roundTrip(PING, Duration.ofSeconds(2));
        }
    }

    @Test
    void applyWithoutAProxyInFrontOfTheBrokerSaysWhatToDeclare() throws Exception {
        faultProxy = null;
        Fault.Handle run = run(fault());

        assertThatThrownBy(run::apply).isInstanceOf(IllegalStateException.class)
                .hasMessage("fault under-test disconnects echo at its fault proxy, but no proxy stands in front of it; "
                        + "declare a link to it under links: in the topology");
        assertThatCode(run::revert).doesNotThrowAnyException();
    }

    @Test
    void anUnreachableProxyIsAnErrorNotANoOp() {
        faultProxy = new FaultProxy(SERVICE, "127.0.0.1", ProxyServer.freePort(),
                List.of(new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT))));
        Fault.Handle run = run(fault());

        assertThatThrownBy(run::apply).isInstanceOf(IOException.class);
        assertThatThrownBy(run::revert).isInstanceOf(IOException.class)
                .hasMessageContaining("could not enable proxy " + proxyName);
    }
}
