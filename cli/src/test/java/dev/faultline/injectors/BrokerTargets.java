package dev.faultline.injectors;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.injectors.adapters.RabbitMqAdapter;

/**
 * Real containers for the broker-side data-corruption tests, started once for all of them and removed when the whole
 * test plan has run: {@code rabbitmq-a}/{@code rabbitmq-b} (RabbitMQ) and {@code worker-a}/{@code worker-b} (an
 * agent consuming the queue {@code tasks} of its broker). The {@code -a} ones are the first run's world, the
 * {@code -b} ones the second's. Ready once each worker has declared its queue.
 */
final class BrokerTargets implements BeforeAllCallback {
    static final String QUEUE = "tasks";
    static final TopologyTargets TOPOLOGY = new TopologyTargets("broker-targets.yaml", "broker-it")
            .readyWhen(BrokerTargets::awaitQueues);
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    @Override
    public void beforeAll(ExtensionContext context) {
        TOPOLOGY.startFor(context);
    }

    /** A connection of the test's own to a broker (named {@code it-...}, never {@code faultline-...}). */
    static Connection connect(String broker, String name) throws IOException, TimeoutException {
        return connect(TOPOLOGY.control(), broker, name);
    }

    private static Connection connect(ContainerControl control, String broker, String name)
            throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(control.hostPort(broker, RabbitMqAdapter.AMQP_PORT));
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
        ContainerControl.ExecResult r = TOPOLOGY.control().run(broker, command);
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

    /** Waits until each broker's worker has declared its queue (a passive declare succeeds). */
    private static void awaitQueues(TopologyRuntime started) {
        for (String broker : List.of("rabbitmq-a", "rabbitmq-b")) {
            awaitQueue(started.control(), broker);
        }
    }

    private static void awaitQueue(ContainerControl control, String broker) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(control, broker, "ready"); Channel ch = c.createChannel()) {
                ch.queueDeclarePassive(QUEUE);
                return;
            } catch (Exception e) {
                last = e;
            }
            LockSupport.parkNanos(250_000_000L);
        }
        throw new IllegalStateException("no queue " + QUEUE + " on " + broker + " within " + READY_WITHIN, last);
    }
}
