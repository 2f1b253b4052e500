package dev.faultline.injectors;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.injectors.adapters.RabbitMqAdapter;

/**
 * Real containers for the broker-side data-corruption tests, started once for all of them and removed when the whole
 * test plan has run: {@code rabbitmq-a}/{@code rabbitmq-b} (RabbitMQ) and {@code worker-a}/{@code worker-b} (an
 * agent consuming the queue {@code tasks} of its broker). The {@code -a} ones are the first run's world, the
 * {@code -b} ones the second's. Ready once each worker has declared its queue.
 */
final class BrokerTargets implements BeforeAllCallback {
    static final String QUEUE = "tasks";
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static TopologyRuntime runtime;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(BrokerTargets.class, k -> new Started(runtime()), Started.class);
    }

    private record Started(TopologyRuntime runtime) implements AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }

    static synchronized TopologyRuntime runtime() {
        if (runtime == null) {
            Topology topology = ScenarioLoader.standard().loadTopology(resource("broker-targets.yaml"));
            TopologyRuntime started = new TopologyRuntime(topology, "broker-it-" + ProcessHandle.current().pid());
            try {
                started.start(progress -> { });
                for (String broker : List.of("rabbitmq-a", "rabbitmq-b")) {
                    awaitQueue(started.control(), broker);
                }
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            runtime = started;
        }
        return runtime;
    }

    static ContainerControl control() {
        return runtime().control();
    }

    static ServiceSpec service(String name) {
        return runtime().topology().services().get(name);
    }

    /** A connection of the test's own to a broker (named {@code it-...}, never {@code faultline-...}). */
    static Connection connect(String broker, String name) throws IOException, java.util.concurrent.TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(control().hostPort(broker, RabbitMqAdapter.AMQP_PORT));
        factory.setUsername("faultline");
        factory.setPassword("faultline");
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("it-" + name);
    }

    /** {@code rabbitmqctl} in a broker; fails the test unless it succeeds. */
    static String rabbitmqctl(String broker, String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ContainerControl.ExecResult r = control().run(broker, command);
        if (!r.ok()) {
            throw new IllegalStateException(Arrays.toString(command) + " in " + broker + ": " + r.stderr());
        }
        return r.stdout();
    }

    /**
     * What a broker-side fault may leave in a broker: whether tracing is on, its queues (other than the workers'),
     * the bindings of the tracer's exchange, and Faultline's connections.
     */
    static String snapshot(String broker) {
        String tracing = rabbitmqctl(broker, "-s", "list_vhosts", "name", "tracing").strip();
        String queues = rabbitmqctl(broker, "-s", "list_queues", "name").lines().sorted().toList().toString();
        String traceBindings = rabbitmqctl(broker, "-s", "list_bindings", "source_name", "destination_name",
                "routing_key").lines().filter(l -> l.startsWith("amq.rabbitmq.trace")).toList().toString();
        long ours = rabbitmqctl(broker, "-s", "list_connections", "client_properties").lines()
                .filter(l -> l.contains("\"connection_name\",\"" + RabbitMqAdapter.connectionName(""))).count();
        return "tracing: " + tracing + "; queues: " + queues + "; trace bindings: " + traceBindings
                + "; Faultline's connections: " + ours;
    }

    /** Waits until the broker's worker has declared its queue (a passive declare succeeds). */
    private static void awaitQueue(ContainerControl control, String broker) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(control.hostPort(broker, RabbitMqAdapter.AMQP_PORT));
            factory.setUsername("faultline");
            factory.setPassword("faultline");
            try (Connection c = factory.newConnection("it-ready"); Channel ch = c.createChannel()) {
                ch.queueDeclarePassive(QUEUE);
                return;
            } catch (Exception e) {
                last = e;
            }
            LockSupport.parkNanos(250_000_000L);
        }
        throw new IllegalStateException("no queue " + QUEUE + " on " + broker + " within " + READY_WITHIN, last);
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(BrokerTargets.class.getClassLoader().getResource(name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
