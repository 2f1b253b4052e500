package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active-passive failover: of the planner replicas only the holder of the {@link LeaderLease} consumes the plan queue
 * ({@code PLAN_QUEUE}, where the orchestrator publishes) and forwards each task into the task queue ({@code QUEUE},
 * where the workers consume). The others stand by and take over when the lease expires.
 *
 * <p>Forwarding: manual acks, prefetch {@link #PREFETCH}; each delivery is published to the task queue with its body
 * and properties unchanged (so its integrity stamp stays valid and its deadline goes with it), persistent and mandatory
 * on a channel with publisher confirms, and acked only once the broker confirmed it. A delivery that reaches a replica
 * that no longer leads is sent back (nack, requeue) without being forwarded. Anything that fails closes the channel,
 * which gives every unacked delivery back to the broker: at least once, never lost.
 *
 * <p>Two threads: the lease loop makes one {@link LeaderLease#attempt} per round, and the supervisor (every
 * {@link #SUPERVISE_EVERY}) consumes while the lease is held and stops consuming, closing the channel, as soon as it is
 * not (fencing: by the local clock, even while the store does not answer).
 */
final class Planner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Planner.class);
    static final int PREFETCH = 50;
    static final Duration SUPERVISE_EVERY = Duration.ofMillis(50);
    static final long CONFIRM_TIMEOUT_MS = 5000;

    private final Broker broker;
    private final LeaderLease lease;
    private final String planQueue;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "planner");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong sentBack = new AtomicLong();
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean storeFailing = new AtomicBoolean();
    private volatile Channel channel; // the consuming channel, null while not consuming
    private volatile long term; // the term this process leads in; 0: not leading
    private volatile boolean closing;

    Planner(AgentConfig config, Store store, Broker broker) {
        this(config, broker, LeaderLease.of(config, store));
    }

    Planner(AgentConfig config, Broker broker, LeaderLease lease) {
        this.broker = broker;
        this.lease = lease;
        this.planQueue = config.leadership().planQueue();
    }

    void register(HttpApi api) {
        api.inline("GET", "/leader", request -> leader())
                .blocking("GET", "/state", request -> HttpApi.Response.ok(state()));
    }

    void start() {
        threads.execute(this::leaseLoop);
        threads.scheduleWithFixedDelay(this::supervise, 0, SUPERVISE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * {@code GET /leader}: 200 when work flows through a leader (a valid lease, a holder that renewed it within
     * {@link LeaderLease#liveWithin} and consumes its plans), else 503; both with {@code {"leader","term","self",
     * "leading","live","consuming"}}.
     */
    HttpApi.Response leader() {
        LeaderLease.View view = lease.view(consuming());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("leader", view.leader());
        json.put("term", view.term());
        json.put("self", view.self());
        json.put("leading", view.leading());
        json.put("live", view.live());
        json.put("consuming", view.consuming());
        return new HttpApi.Response(view.flowing() ? 200 : 503, json);
    }

    Map<String, Object> state() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("role", Role.PLANNER.id());
        json.put("planner", lease.self());
        json.put("leading", lease.leading());
        json.put("term", term);
        json.put("consuming", consuming());
        json.put("takeovers", takeovers.get());
        json.put("forwarded", forwarded.get());
        json.put("sentBack", sentBack.get());
        json.put("inFlight", inFlight.get());
        Map<String, Object> ledger = new LinkedHashMap<>();
        ledger.put("pending", inFlight.get());
        ledger.put("queued", broker.readyMessages()); // in the task queue; null (unknown) while the broker is away
        json.put("ledger", ledger);
        return json;
    }

    private boolean consuming() {
        Channel ch = channel;
        return ch != null && ch.isOpen();
    }

    private void leaseLoop() {
        while (!closing) {
            try {
                long now = lease.attempt(consuming());
                storeFailing.set(false);
                if (now != 0 && now != term) {
                    takeovers.incrementAndGet();
                    log.info("{} leading as term {}", lease.self(), now);
                } else if (now == 0 && term != 0) {
                    log.warn("{} no longer leads (term {} is over)", lease.self(), term);
                }
                term = now;
            } catch (StoreUnavailableException | SQLException | RuntimeException e) {
                if (storeFailing.compareAndSet(false, true)) {
                    log.warn("cannot reach the leader lease in the store: {}", e.getMessage());
                }
            }
            try {
                Thread.sleep(lease.nextAttemptIn().toMillis()); // the renewal period is the point
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Consumes while this process leads; stops the moment it does not (its lease ended by its own clock). */
    private void supervise() {
        try {
            boolean leading = lease.leading() && !closing;
            if (!leading && channel != null) {
                log.warn("{} not leading: stops consuming {}", lease.self(), planQueue);
                stopConsuming();
            } else if (leading && !consuming()) {
                startConsuming();
            }
        } catch (RuntimeException e) {
            log.warn("planner supervisor failed: {}", e.toString());
        }
    }

    private void startConsuming() {
        Connection c = broker.current();
        if (c == null) {
            return;
        }
        Channel ch = null;
        try {
            ch = c.createChannel();
            ch.queueDeclare(Broker.deadLetterQueue(planQueue), true, false, false, null);
            ch.queueDeclare(planQueue, true, false, false, Broker.queueArguments(planQueue));
            broker.declareQueue(ch);
            ch.confirmSelect();
            ch.basicQos(PREFETCH);
            Forwarder forwarder = new Forwarder(ch);
            ch.addReturnListener(r -> forwarder.returned = true);
            channel = ch;
            ch.basicConsume(planQueue, false, forwarder);
            log.info("{} consuming {}, forwarding into {}", lease.self(), planQueue, broker.queue());
        } catch (IOException | RuntimeException e) {
            log.warn("cannot start consuming {}: {}", planQueue, e.toString());
            Broker.abortQuietly(ch);
            channel = null;
        }
    }

    private void stopConsuming() {
        Channel ch = channel;
        channel = null;
        Broker.abortQuietly(ch); // every unacked delivery goes back to the broker
    }

    /** Forwards each delivery of the plan queue into the task queue: publish, wait for the confirm, then ack. */
    private final class Forwarder extends DefaultConsumer {
        private volatile boolean returned; // the broker could not route a forwarded message (the task queue is gone)

        Forwarder(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            Channel ch = getChannel();
            inFlight.incrementAndGet();
            try {
                if (!lease.leading()) {
                    ch.basicNack(envelope.getDeliveryTag(), false, true);
                    sentBack.incrementAndGet();
                    return;
                }
                ch.basicPublish("", broker.queue(), true, properties, body);
                ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
                if (returned) { // confirmed, but routed nowhere: keep the plan, declare the queue again
                    throw new IOException("the broker could not route it into " + broker.queue());
                }
                ch.basicAck(envelope.getDeliveryTag(), false);
                forwarded.incrementAndGet();
            } catch (IOException | TimeoutException | RuntimeException e) {
                log.warn("cannot forward {}: {}; giving back what this channel holds", properties.getMessageId(),
                        e.toString());
                if (channel == ch) {
                    stopConsuming(); // the supervisor consumes again on a new channel while this process leads
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        threads.shutdownNow();
        stopConsuming();
    }
}
