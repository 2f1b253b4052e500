package dev.faultline.agents;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to the broker open: connects in the background (the broker need not be up at start),
 * notices when the connection is lost and reconnects with jittered exponential backoff (or, with
 * {@code RETRY_JITTER=off}, every 50 ms: see {@link #reconnectInterval}).
 *
 * <p>The client's own automatic recovery is off: users ask for {@link #current()} and open their own channels, so a
 * lost connection never leaves a half-recovered channel behind. Whatever ends a connection (the broker closing it,
 * a missed heartbeat, or a garbled frame the client cannot parse) ends up in the same shutdown listener and the
 * same reconnect loop.
 *
 * <p>Heartbeat 5 s: the client reads with a 1.25 s socket timeout and gives up after 9 of them without a frame (about
 * 11 s of silence), the broker after 10-15 s without a byte; a connection held open but silent for less than about
 * 10 s resumes untouched. Inbound frames and bodies are capped at {@link #MAX_INBOUND_BYTES}: a frame length garbled
 * in transit beyond that fails the connection at once instead of allocating up to the client's default of 64 MiB.
 */
final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    /**
     * The largest frame or message body accepted: a task body is at most about 1.5 MiB (a 1 MiB request whose payload
     * PostgreSQL re-renders with spaces, plus the id).
     */
    static final int MAX_INBOUND_BYTES = 4 << 20;
    /** Appended to the task queue's name to name its dead-letter queue. */
    static final String DEAD_LETTER_SUFFIX = ".dead";

    private final ConnectionFactory factory;
    private final String queue;
    private final String connectionName;
    private final Semaphore lost = new Semaphore(0);
    private final Thread connector;
    private final IntervalFunction reconnectInterval;
    private final AtomicLong connects = new AtomicLong();
    private volatile Connection connection;
    private volatile boolean running = true;
    private Channel probeChannel; // used by the probe thread only
    private Channel countChannel; // guarded by this

    Broker(AgentConfig config) {
        this.queue = config.queue();
        this.connectionName = "faultline-" + config.role().id() + "-" + config.workerId();
        this.factory = new ConnectionFactory();
        factory.setHost(config.brokerHost());
        factory.setPort(config.brokerPort());
        factory.setUsername(config.brokerUser());
        factory.setPassword(config.brokerPassword());
        factory.setVirtualHost("/");
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(2000);
        factory.setHandshakeTimeout(3000);
        factory.setRequestedHeartbeat(5);
        factory.setChannelRpcTimeout(3000);
        factory.setShutdownTimeout(1000);
        factory.setMaxInboundMessageBodySize(MAX_INBOUND_BYTES);
        this.reconnectInterval = reconnectInterval(config);
        this.connector = new Thread(this::keepConnected, "broker-connector");
        connector.setDaemon(true);
    }

    void start() {
        connector.start();
    }

    /** The open connection, or null while the broker is unreachable. */
    Connection current() {
        Connection c = connection;
        return c != null && c.isOpen() ? c : null;
    }

    /** How many times a connection was established. */
    long connects() {
        return connects.get();
    }

    /**
     * The task queue and its dead-letter queue: both durable, shared by every agent. Idempotent. Every declarer passes
     * the same {@link #queueArguments}: RabbitMQ refuses a declaration whose arguments differ from the queue's.
     */
    void declareQueue(Channel channel) throws IOException {
        channel.queueDeclare(deadLetterQueue(queue), true, false, false, null);
        channel.queueDeclare(queue, true, false, false, queueArguments(queue));
    }

    /** Where a message of {@code queue} goes when it is rejected without requeue or expires: {@code <queue>.dead}. */
    static String deadLetterQueue(String queue) {
        return queue + DEAD_LETTER_SUFFIX;
    }

    /**
     * The task queue's arguments: dead-letter through the default exchange ({@code ""}, which routes by queue name)
     * with the routing key {@code <queue>.dead}, so rejected and expired messages land in the dead-letter queue.
     */
    static Map<String, Object> queueArguments(String queue) {
        return Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetterQueue(queue));
    }

    String queue() {
        return queue;
    }

    /**
     * The wait between reconnect attempts: jittered exponential backoff ({@link Backoff#BROKER_RECONNECT}), or with
     * {@code RETRY_JITTER=off} or {@code SAFEGUARDS=off} a fixed 50 ms ({@link Backoff#STORM}).
     */
    static IntervalFunction reconnectInterval(AgentConfig config) {
        return config.reconnectJitter() ? Backoff.BROKER_RECONNECT : Backoff.STORM;
    }

    private void keepConnected() {
        Retry retry = Backoff.forever("broker-connect", reconnectInterval);
        retry.getEventPublisher().onRetry(e -> {
            int n = e.getNumberOfRetryAttempts();
            if (n == 1 || n % 10 == 0) {
                log.warn("broker {}:{} unreachable (attempt {}): {}", factory.getHost(), factory.getPort(), n,
                        e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage());
            }
        });
        while (running) {
            try {
                lost.drainPermits();
                Connection c = retry.executeCallable(this::open);
                if (!running) {
                    c.abort(1000);
                    return;
                }
                connection = c;
                connects.incrementAndGet();
                log.info("connected to broker {}:{}", factory.getHost(), factory.getPort());
                lost.acquire();
                log.warn("lost the broker connection; reconnecting");
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (running && !Thread.currentThread().isInterrupted()) {
                    log.warn("broker connect loop failed, retrying: {}", e.toString());
                } else {
                    return;
                }
            }
        }
    }

    private Connection open() throws IOException, TimeoutException {
        if (!running) {
            throw new IllegalStateException("broker link is closed");
        }
        Connection c = factory.newConnection(connectionName);
        try (Channel ch = c.createChannel()) {
            declareQueue(ch);
        } catch (IOException | TimeoutException | RuntimeException e) {
            c.abort(1000);
            throw e;
        }
        c.addShutdownListener(cause -> lost.release());
        return c;
    }

    /** A cheap round trip (an idempotent queue declare) on a channel of its own, for readiness. */
    boolean probe() {
        Connection c = current();
        if (c == null) {
            return false;
        }
        try {
            if (probeChannel == null || !probeChannel.isOpen() || probeChannel.getConnection() != c) {
                probeChannel = c.createChannel();
            }
            declareQueue(probeChannel);
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("broker probe failed: {}", e.toString());
            abortQuietly(probeChannel);
            probeChannel = null;
            return false;
        }
    }

    /**
     * How many messages wait in the task queue, ready for a consumer (a passive declare's message count; messages
     * delivered and not yet acknowledged are not counted: their consumer holds them); null while the broker cannot
     * be asked.
     */
    synchronized Long readyMessages() {
        Connection c = current();
        if (c == null) {
            return null;
        }
        try {
            if (countChannel == null || !countChannel.isOpen() || countChannel.getConnection() != c) {
                countChannel = c.createChannel();
            }
            return (long) countChannel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | RuntimeException e) {
            log.debug("cannot count the ready messages of {}: {}", queue, e.toString());
            abortQuietly(countChannel);
            countChannel = null;
            return null;
        }
    }

    static void abortQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.abort();
        } catch (IOException | RuntimeException e) {
            // the channel is gone either way
        }
    }

    @Override
    public void close() {
        running = false;
        connector.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close(1000);
            } catch (IOException | RuntimeException e) {
                c.abort(1000);
            }
        }
    }
}
