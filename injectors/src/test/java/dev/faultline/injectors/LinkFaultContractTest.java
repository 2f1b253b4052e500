package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultProxy;
import dev.faultline.engine.spi.LinkControl;

/**
 * The fault contract for faults that act through the fault proxy, against the real proxy: an echo server on
 * 127.0.0.1 stands for service {@value #SERVICE}, a proxy {@code echo-N} of the real server stands in front of it,
 * and the declared link {@value #CLIENT}->{@value #SERVICE} uses it. The client instances the fault is scoped to
 * are {@code 127.0.0.1} (the test's own connections) unless a test says otherwise.
 */
@ExtendWith(RealProxy.class)
abstract class LinkFaultContractTest extends FaultContractTest {
    protected static final String CLIENT = "client";
    protected static final String SERVICE = "echo";
    private static final AtomicInteger PROXIES = new AtomicInteger();

    protected ProxyServer server;
    protected EchoServer echo;
    /** The proxy of the link client->echo, and the port it listens on. */
    protected String proxyName;
    protected int port;
    /** What {@link #links()} reports in front of {@value #SERVICE} (none when null); tests may replace it. */
    protected FaultProxy faultProxy;
    /** The second run's proxy in front of the same echo server (its own topology's), and what it reports. */
    protected String otherProxyName;
    protected FaultProxy otherFaultProxy;
    protected long seed = 42L;
    protected Target target = Target.parse(CLIENT + "->" + SERVICE);
    protected List<String> clientInstances = List.of("127.0.0.1");
    private final List<String> created = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @BeforeEach
    void startEchoBehindAProxy(ProxyServer server) throws IOException {
        this.server = server;
        this.echo = EchoServer.start();
        this.proxyName = createProxy();
        this.port = listenPort(proxyName);
        this.faultProxy = server.faultProxy(SERVICE, new FaultProxy.ProxiedPort(proxyName, port, List.of(CLIENT)));
        this.otherProxyName = "other-" + PROXIES.incrementAndGet();
        int otherPort = server.createProxy(otherProxyName, echo.port());
        this.otherFaultProxy = server.faultProxy(SERVICE,
                new FaultProxy.ProxiedPort(otherProxyName, otherPort, List.of(CLIENT)));
    }

    @AfterEach
    void deleteProxies() throws IOException {
        try {
            for (String name : created) {
                server.deleteProxy(name);
            }
            server.deleteProxy(otherProxyName);
        } finally {
            echo.close();
        }
    }

    /** Another proxy of the server in front of the echo server; deleted after the test. */
    protected String createProxy() throws IOException {
        String name = "echo-" + PROXIES.incrementAndGet();
        ports.add(server.createProxy(name, echo.port()));
        created.add(name);
        return name;
    }

    protected int listenPort(String name) {
        return ports.get(created.indexOf(name));
    }

    @Override
    protected Target target() {
        return target;
    }

    @Override
    protected List<String> targets() {
        return clientInstances;
    }

    @Override
    protected LinkControl links() {
        FaultProxy proxy = faultProxy;
        return service -> service.equals(SERVICE) ? Optional.ofNullable(proxy) : Optional.empty();
    }

    @Override
    protected LinkControl otherLinks() {
        FaultProxy proxy = otherFaultProxy;
        return service -> service.equals(SERVICE) ? Optional.of(proxy) : Optional.empty();
    }

    /** The toxics on the run's own proxy and whether it is enabled. */
    @Override
    protected Object observed(Side side) throws IOException {
        String name = side == Side.FIRST ? proxyName : otherProxyName;
        return server.toxics(name) + " enabled=" + server.enabled(name);
    }

    @Override
    protected long seed() {
        return seed;
    }

    /** The fault is applied, then one of its toxics is deleted behind its back. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        run.apply();
        JsonNode toxics = server.toxics(proxyName);
        assertThat(toxics).as("toxics on " + proxyName).isNotEmpty();
        server.deleteToxic(proxyName, toxics.get(0).path("name").asText());
    }

    /** No toxic is left on any proxy the test created. */
    @Override
    protected void assertReverted() throws Exception {
        for (String name : created) {
            assertThat(server.toxics(name)).as("toxics left on " + name).isEmpty();
        }
    }

    protected Client connect() throws IOException {
        return Client.connect(port);
    }
}
