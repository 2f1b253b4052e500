package dev.faultline.injectors.adapters;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.BrokerAdapter;
import dev.faultline.engine.spi.ServiceAccess;

/**
 * RabbitMQ, reached over AMQP 0-9-1 on its published port 5672, and with {@code rabbitmqctl} run inside the broker's
 * container (tracing). Recognizes a service with {@code role: broker} whose image names {@code rabbitmq}. The login
 * is the fault's {@code with.user}/{@code with.password}, else the service's {@code RABBITMQ_DEFAULT_USER}/
 * {@code RABBITMQ_DEFAULT_PASS} (the official image's convention), else {@code faultline}/{@code faultline} (the
 * reference image's user). Always the default virtual host, {@code /}.
 */
public final class RabbitMqAdapter implements BrokerAdapter {
    /** The AMQP port the broker listens on inside its container. */
    public static final int AMQP_PORT = 5672;
    static final String REFERENCE_DEFAULT = "faultline";
    static final String VHOST = "/";
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    @Override
    public String product() {
        return "rabbitmq";
    }

    @Override
    public boolean recognizes(ServiceSpec service) {
        return service.role() == Role.BROKER && service.image().toLowerCase(Locale.ROOT).contains("rabbitmq");
    }

    @Override
    public Optional<String> unsuitableFor(ServiceSpec service) {
        return service.ports().contains(AMQP_PORT) ? Optional.empty()
                : Optional.of("RabbitMQ is reached on its AMQP port " + AMQP_PORT + ", which " + service.name()
                + " does not publish: add " + AMQP_PORT + " to its ports");
    }

    /** Connects as the login the fault sets, else the broker's own, named {@code faultline-fault-<tag>}. */
    @Override
    public Session open(ServiceAccess access) throws Exception {
        Map<String, String> env = access.service().env();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(access.hostPort(AMQP_PORT));
        factory.setVirtualHost(VHOST);
        factory.setUsername(first(access.user(), env.get("RABBITMQ_DEFAULT_USER")));
        factory.setPassword(first(access.password(), env.get("RABBITMQ_DEFAULT_PASS")));
        factory.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        factory.setHandshakeTimeout(CONNECT_TIMEOUT_MS);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        Connection connection = factory.newConnection(connectionName(access.tag()));
        return new RabbitMqSession(connection, access);
    }

    /**
     * The name the broker shows for a run's connection ({@code rabbitmqctl list_connections client_properties}),
     * apart from the reference agents' own ({@code faultline-worker-...}).
     */
    public static String connectionName(String tag) {
        return "faultline-fault-" + tag;
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return REFERENCE_DEFAULT;
    }
}
