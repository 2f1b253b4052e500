package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every stored task the broker has not yet confirmed (the transactional outbox).
 *
 * <p>One thread, woken by each accepted task and every {@link #IDLE_POLL_MS} ms: it locks a batch of unpublished
 * rows ({@code FOR UPDATE SKIP LOCKED}, so several orchestrators share the work), publishes them as persistent
 * messages stamped with their {@link Integrity} check (and their {@link TaskDeadline}, if any), waits for the broker's confirms, and only then marks them
 * published in the same transaction. A crash or outage anywhere in between leaves the rows unpublished, to be
 * published again: at-least-once, never lost. While the broker is down it does nothing; once the broker returns the
 * backlog drains.
 */
final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final int BATCH = 200;
    static final long IDLE_POLL_MS = 500;
    static final long CONFIRM_TIMEOUT_MS = 5000;

    private static final String SELECT_UNPUBLISHED = "SELECT id, payload::text FROM tasks WHERE NOT published"
            + " ORDER BY accepted_at, id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";

    private final Store store;
    private final Broker broker;
    private final Optional<TaskDeadline> deadline;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private Channel channel; // relay thread only

    /** {@code deadline}: the {@link TaskDeadline} every message carries ({@code TASK_DEADLINE}), if any. */
    OutboxRelay(Store store, Broker broker, Optional<TaskDeadline> deadline) {
        this.store = store;
        this.broker = broker;
        this.deadline = deadline;
        this.thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A task was stored: publish soon. */
    void wake() {
        wake.release();
    }

    long published() {
        return published.get();
    }

    long failures() {
        return failures.get();
    }

    private void loop() {
        int consecutiveFailures = 0;
        while (running) {
            try {
                wake.tryAcquire(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                while (running && relayBatch() == BATCH) {
                    // a full batch: there may be more
                }
                consecutiveFailures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                consecutiveFailures++;
                Broker.abortQuietly(channel);
                channel = null;
                if (consecutiveFailures == 1 || consecutiveFailures % 20 == 0) {
                    log.warn("outbox relay failed ({} in a row), will retry: {}", consecutiveFailures, e.getMessage());
                }
                try {
                    Thread.sleep(Backoff.RECONNECT.apply(Math.min(consecutiveFailures, 10))); // backoff is the point
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Publishes one batch; returns how many rows it published (0 when the broker is down). */
    private int relayBatch() throws Exception {
        Channel ch = channel();
        if (ch == null) {
            return 0;
        }
        return store.call(c -> {
            c.setAutoCommit(false);
            try {
                List<String> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(SELECT_UNPUBLISHED); ResultSet rs = ps.executeQuery()) {
                    returned.clear();
                    while (rs.next()) {
                        String id = rs.getString(1);
                        byte[] body = TaskMessage.body(id, rs.getString(2));
                        AMQP.BasicProperties properties = TaskMessage.stamped(id, body);
                        if (deadline.isPresent()) {
                            properties = deadline.get().stamp(properties, System.currentTimeMillis());
                        }
                        ch.basicPublish("", broker.queue(), true, properties, body);
                        ids.add(id);
                    }
                }
                if (ids.isEmpty()) {
                    c.commit();
                    return 0;
                }
                awaitConfirms(ch);
                ids.removeAll(returned); // unroutable: leave unpublished, the queue is declared again next round
                try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET published = true WHERE id = ANY (?)")) {
                    Array array = c.createArrayOf("text", ids.toArray());
                    ps.setArray(1, array);
                    ps.executeUpdate();
                }
                c.commit();
                published.addAndGet(ids.size());
                if (!returned.isEmpty()) {
                    throw new BrokerUnavailableException(returned.size() + " messages were unroutable", null);
                }
                return ids.size();
            } catch (Exception e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private void awaitConfirms(Channel ch) throws BrokerUnavailableException {
        try {
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        } catch (IOException | TimeoutException e) {
            throw new BrokerUnavailableException("broker did not confirm: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for confirms", e);
        }
    }

    private Channel channel() throws IOException {
        Connection c = broker.current();
        if (c == null) {
            return null;
        }
        if (channel == null || !channel.isOpen() || channel.getConnection() != c) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            broker.declareQueue(ch);
            ch.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
            channel = ch;
        }
        return channel;
    }

    private static void rollbackQuietly(java.sql.Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is being thrown away anyway
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Broker.abortQuietly(channel);
    }
}
