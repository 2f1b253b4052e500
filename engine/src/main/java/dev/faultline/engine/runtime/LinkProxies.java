package dev.faultline.engine.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.FaultProxy;
import dev.faultline.engine.spi.LinkControl;

/**
 * The fault proxies of a topology: one {@code faultline/toxiproxy} container in front of every service that a
 * declared link leads to. The proxy container takes the service's network alias, so clients keep connecting to
 * {@code rabbitmq:5672}; the real service answers to {@link #upstreamAlias(String)} instead. Traffic that no link
 * declares still passes through (untouched unless a fault covers every link into the service).
 */
final class LinkProxies implements LinkControl {
    static final String IMAGE = "faultline/toxiproxy";
    static final int API_PORT = 8474;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(1);

    private final Topology topology;
    private final String runId;
    private final Map<String, String> runLabels;
    private final long seed;
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final Map<String, FaultProxy> proxies = new ConcurrentHashMap<>();

    LinkProxies(Topology topology, String runId, Map<String, String> runLabels, long seed) {
        this.topology = topology;
        this.runId = runId;
        this.runLabels = runLabels;
        this.seed = seed;
    }

    /** The alias the real service keeps when a proxy takes its name. */
    static String upstreamAlias(String service) {
        return "faultline-upstream-" + service;
    }

    /** Whether a proxy stands in front of {@code service}. */
    boolean interposes(String service) {
        return topology.links().stream().anyMatch(l -> l.to().equals(service));
    }

    /**
     * One start per service in {@code proxied}: its proxy container, then its proxies. Run them at once, with the
     * services that depend on nothing ({@link StartPlan}); the last to end reports how long the proxies took.
     */
    List<ParallelStart.Task> starts(List<String> proxied, Network network, Consumer<String> progress) {
        Map<String, Map<Integer, List<String>>> byService = new TreeMap<>();
        for (Link link : topology.links()) {
            if (proxied.contains(link.to())) {
                byService.computeIfAbsent(link.to(), s -> new TreeMap<>())
                        .computeIfAbsent(link.port(), p -> new ArrayList<>()).add(link.from());
            }
        }
        if (byService.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        Runnable ready = ParallelStart.afterAll(byService.size(), () -> progress.accept("fault proxies in front of "
                + String.join(", ", byService.keySet()) + " ready in " + (System.nanoTime() - started) / 1_000_000
                + " ms"));
        List<ParallelStart.Task> starts = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, List<String>>> e : byService.entrySet()) {
            String service = e.getKey();
            GenericContainer<?> c = container(service, network);
            containers.put(service, c);
            starts.add(new ParallelStart.Task("proxy-" + service, () -> {
                PortConflicts.start("proxy-" + service, c::start, c::stop, progress);
                proxies.put(service, createProxies(service, c, e.getValue()));
                ready.run();
            }));
        }
        return starts;
    }

    private GenericContainer<?> container(String service, Network network) {
        Map<String, String> labels = new HashMap<>(runLabels);
        labels.put(Labels.PROXY_FOR, service);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE));
        c.withNetwork(network)
                .withNetworkAliases(service)
                .withLabels(labels)
                .withCommand("-host=0.0.0.0", "-port=" + API_PORT, "-seed=" + seed, "-api-clients=" + gateway(network))
                .withExposedPorts(API_PORT)
                .withStartupAttempts(1)
                .waitingFor(ReadyWait.http("/version", API_PORT, STARTUP_TIMEOUT))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(containerName(service)).withHostName("faultline-proxy-" + service);
                    HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
                    Ports bindings = new Ports();
                    bindings.bind(ExposedPort.tcp(API_PORT), Ports.Binding.bindIp("127.0.0.1"));
                    host.withPortBindings(bindings);
                    cmd.withHostConfig(host);
                });
        return c;
    }

    /**
     * The run network's gateway: the harness reaches a proxy's API only through the port published on 127.0.0.1,
     * and Docker delivers that traffic from the gateway's address, while every container of the run (the system
     * under test) has an address of its own. The proxy answers the API to the gateway only (its
     * {@code -api-clients}), so no service can end a fault early by calling the API under the service's name.
     */
    private static String gateway(Network network) {
        List<String> gateways = new ArrayList<>();
        var ipam = DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(network.getId()).exec().getIpam();
        if (ipam != null && ipam.getConfig() != null) {
            ipam.getConfig().forEach(c -> {
                if (c.getGateway() != null && !c.getGateway().isBlank()) {
                    gateways.add(c.getGateway());
                }
            });
        }
        if (gateways.isEmpty()) {
            throw new IllegalStateException("the run network " + network.getId() + " has no gateway address, so the fault "
                    + "proxies' API could not be kept from the services");
        }
        return String.join(",", gateways);
    }

    private String containerName(String service) {
        return "faultline-" + runId + "-proxy-" + service;
    }

    private static FaultProxy createProxies(String service, GenericContainer<?> container,
            Map<Integer, List<String>> clientsByPort) {
        int apiPort = container.getMappedPort(API_PORT);
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", apiPort);
        List<FaultProxy.ProxiedPort> ports = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : clientsByPort.entrySet()) {
            String name = service + "-" + e.getKey();
            try {
                client.createProxy(name, "0.0.0.0:" + e.getKey(), upstreamAlias(service) + ":" + e.getKey());
            } catch (IOException ex) {
                throw new IllegalStateException("the fault proxy in front of " + service + " refused proxy " + name
                        + ": " + ex.getMessage(), ex);
            }
            ports.add(new FaultProxy.ProxiedPort(name, e.getKey(), e.getValue().stream().distinct().toList()));
        }
        return new FaultProxy(service, "127.0.0.1", apiPort, ports);
    }

    @Override
    public Optional<FaultProxy> proxyFor(String service) {
        return Optional.ofNullable(proxies.get(service));
    }

    /** Container ids by log name ({@code proxy-rabbitmq}), for saving logs. */
    Map<String, String> containerIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        containers.forEach((service, c) -> {
            if (c.getContainerId() != null) {
                ids.put("proxy-" + service, c.getContainerId());
            }
        });
        return ids;
    }
}
