package dev.faultline.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The support-desk topology ({@code scenarios/topologies/support-desk.yaml}) started as one would by hand with
 * Testcontainers: the same images, network aliases, host names, environment, resources and wait strategies as
 * Faultline's runtime, the fault proxies in front of the broker and the store included (the agents reach
 * {@code rabbitmq:5672} and {@code postgres:5432} through them), and {@link Startables#deepStart} by dependency
 * level: proxies, broker and store at once, then the proxies' routes, then the orchestrator and both workers at
 * once. Ports are published on 127.0.0.1 only. {@link #close()} removes every container and the network.
 */
final class HandWrittenStart implements AutoCloseable {
    /** On every container and the network: the benchmark's leftovers are easy to find. */
    static final String LABEL = "dev.faultline.bench";

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final int PROXY_API = 8474;

    private final List<GenericContainer<?>> containers = new ArrayList<>();
    private final StringBuilder stages = new StringBuilder();
    private Network network;

    /** Starts everything and returns when the last level is up (every wait strategy passed). */
    void start() throws IOException {
        network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(Map.of(LABEL, "start"))).build();
        GenericContainer<?> brokerProxy = proxy("rabbitmq");
        GenericContainer<?> storeProxy = proxy("postgres");
        GenericContainer<?> broker = service("faultline/rabbitmq", "faultline-upstream-rabbitmq", 5672)
                .waitingFor(Wait.forListeningPorts(5672).withStartupTimeout(STARTUP_TIMEOUT));
        GenericContainer<?> store = service("faultline/postgres", "faultline-upstream-postgres", 5432)
                .waitingFor(Wait.forListeningPorts(5432).withStartupTimeout(STARTUP_TIMEOUT));
        long started = System.nanoTime();
        Startables.deepStart(brokerProxy, storeProxy, broker, store).join();
        started = stage("level 0", started);
        route(brokerProxy, "rabbitmq", 5672);
        route(storeProxy, "postgres", 5432);
        started = stage("routes", started);

        GenericContainer<?> orchestrator = agent("orchestrator", Map.of("AGENT_ROLE", "orchestrator"), false);
        Map<String, String> worker = Map.of("AGENT_ROLE", "worker", "WORK_TIME", "400ms", "PREFETCH", "5");
        Startables.deepStart(orchestrator, agent("worker-0", worker, true), agent("worker-1", worker, true)).join();
        stage("level 1", started);
    }

    /** How long each stage of the last {@link #start()} took: {@code level 0 5610 ms, routes 40 ms, ...}. */
    String stages() {
        return stages.toString();
    }

    private long stage(String name, long startedNanos) {
        long now = System.nanoTime();
        stages.append(stages.isEmpty() ? "" : ", ").append(name).append(' ')
                .append((now - startedNanos) / 1_000_000).append(" ms");
        return now;
    }

    private GenericContainer<?> proxy(String service) {
        return track(new GenericContainer<>(DockerImageName.parse("faultline/toxiproxy")))
                .withNetwork(network)
                .withNetworkAliases(service)
                .withCommand("-host=0.0.0.0", "-port=" + PROXY_API, "-seed=0")
                .withExposedPorts(PROXY_API)
                .waitingFor(Wait.forHttp("/version").forPort(PROXY_API).withStartupTimeout(Duration.ofMinutes(1)))
                .withCreateContainerCmdModifier(cmd -> cmd.withHostName("faultline-proxy-" + service)
                        .withHostConfig(onLoopback(cmd.getHostConfig(), PROXY_API)));
    }

    private static void route(GenericContainer<?> proxy, String service, int port) throws IOException {
        new ToxiproxyClient("127.0.0.1", proxy.getMappedPort(PROXY_API))
                .createProxy(service + "-" + port, "0.0.0.0:" + port, "faultline-upstream-" + service + ":" + port);
    }

    private GenericContainer<?> service(String image, String alias, int port) {
        return track(new GenericContainer<>(DockerImageName.parse(image)))
                .withNetwork(network)
                .withNetworkAliases(alias)
                .withEnv("FAULTLINE_INSTANCE", alias.substring("faultline-upstream-".length()))
                .withExposedPorts(port)
                .withCreateContainerCmdModifier(cmd -> cmd.withHostName(alias)
                        .withHostConfig(onLoopback(cmd.getHostConfig(), port)));
    }

    private GenericContainer<?> agent(String instance, Map<String, String> env, boolean worker) {
        String service = worker ? "worker" : "orchestrator";
        GenericContainer<?> c = track(new GenericContainer<>(DockerImageName.parse("faultline/agent")))
                .withNetwork(network)
                .withEnv(env)
                .withEnv("FAULTLINE_INSTANCE", instance)
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/health").forPort(8080)
                        .forStatusCodeMatching(code -> code >= 200 && code < 300)
                        .withReadTimeout(Duration.ofSeconds(2)).withStartupTimeout(STARTUP_TIMEOUT))
                .withCreateContainerCmdModifier(cmd -> {
                    HostConfig host = onLoopback(cmd.getHostConfig(), 8080);
                    if (worker) {
                        host.withNanoCPUs(1_000_000_000L).withMemory(512L * 1024 * 1024);
                    }
                    cmd.withHostName(instance).withHostConfig(host);
                });
        return worker ? c.withNetworkAliases(service, instance) : c.withNetworkAliases(service);
    }

    private GenericContainer<?> track(GenericContainer<?> c) {
        c.withLabels(Map.of(LABEL, "start")).withStartupAttempts(1);
        containers.add(c);
        return c;
    }

    private static HostConfig onLoopback(HostConfig config, int port) {
        HostConfig host = config == null ? HostConfig.newHostConfig() : config;
        Ports bindings = new Ports();
        bindings.bind(ExposedPort.tcp(port), Ports.Binding.bindIp("127.0.0.1"));
        return host.withPortBindings(bindings);
    }

    /** Removes the containers and networks an interrupted benchmark left; returns how many containers. */
    static int removeLeftovers() {
        DockerClient docker = DockerClientFactory.instance().client();
        List<Container> left = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec();
        left.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
        docker.listNetworksCmd().withFilter("label", List.of(LABEL)).exec()
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        return left.size();
    }

    @Override
    public void close() {
        containers.forEach(GenericContainer::stop);
        if (network != null) {
            network.close();
        }
    }
}
