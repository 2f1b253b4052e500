package dev.faultline.injectors.adapters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import dev.faultline.engine.spi.BrokerAdapter;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.ServiceAccess;

/**
 * One run's AMQP connection to a RabbitMQ broker.
 *
 * <p>Publishing uses publisher confirms and {@code mandatory}: the broker answers for each message, and returns one
 * it could not route to a queue. Duplicating uses the broker's firehose tracer, a core feature needing no plugin:
 * {@code rabbitmqctl trace_on} makes the broker publish an event to the topic exchange {@code amq.rabbitmq.trace} for
 * every delivery to a consumer, with the routing key {@code deliver.<queue>}, the message's body and its properties.
 * A queue of this session's own (exclusive: the broker deletes it with the connection) is bound to
 * {@code deliver.<queue>}; for each event of a message without Faultline's mark that is not a redelivery, and that
 * the fault chooses, a copy is published to the queue through the default exchange. A copy's own delivery is traced
 * too, carrying the mark: that is the observation that a consumer received a duplicate. Tracing is turned off again
 * on close unless it was already on.
 */
final class RabbitMqSession implements BrokerAdapter.Session {
    static final String TRACE_EXCHANGE = "amq.rabbitmq.trace";
    private static final int CONFIRM_TIMEOUT_MS = 10_000;
    private static final int CLOSE_TIMEOUT_MS = 5_000;
    private static final int NOT_FOUND = 404;

    private final Connection connection;
    private final ServiceAccess access;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong copiesDelivered = new AtomicLong();
    private volatile boolean stopped;
    /** Set before {@code trace_on} is run, so a close after a half-way start still turns it off. */
    private boolean tracingOurs;
    private String tapQueue;
    private boolean closed;

    RabbitMqSession(Connection connection, ServiceAccess access) {
        this.connection = connection;
        this.access = access;
    }

    @Override
    public BrokerAdapter.Publication publish(String queue, List<byte[]> bodies, String mark) throws Exception {
        requireQueue(queue);
        Channel channel = connection.createChannel();
        try {
            AtomicInteger returned = new AtomicInteger();
            Confirms confirms = new Confirms();
            channel.confirmSelect();
            channel.addReturnListener(r -> returned.incrementAndGet());
            channel.addConfirmListener(confirms);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2)
                    .headers(Map.of(BrokerAdapter.MARK_HEADER, mark))
                    .build();
            for (byte[] body : bodies) {
                confirms.expect(channel.getNextPublishSeqNo());
                channel.basicPublish("", queue, true, properties, body);
            }
            channel.waitForConfirms(CONFIRM_TIMEOUT_MS);
            confirms.awaitAll(bodies.size());
            return new BrokerAdapter.Publication(queue, bodies.size(), confirms.acked.get(), confirms.nacked.get(),
                    returned.get());
        } finally {
            abortQuietly(channel);
        }
    }

    @Override
    public synchronized void duplicate(String queue, BooleanSupplier chosen, String mark) throws Exception {
        requireQueue(queue);
        if (!tracing()) {
            tracingOurs = true;
            rabbitmqctl("trace_on", "-p", RabbitMqAdapter.VHOST);
        }
        Channel copies = connection.createChannel();
        Channel tap = connection.createChannel();
        String name = "faultline-tap-" + access.tag();
        tap.queueDeclare(name, false, true, true, null);
        tapQueue = name;
        String key = "deliver." + queue;
        tap.queueBind(name, TRACE_EXCHANGE, key);
        tap.basicConsume(name, true, new DefaultConsumer(tap) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties event,
                                       byte[] body) throws IOException {
                if (!stopped && key.equals(envelope.getRoutingKey())) {
                    traced(event, body, queue, chosen, mark, copies);
                }
            }
        });
    }

    /** One traced delivery: a copy delivered (ours), or an original maybe to copy. */
    private void traced(AMQP.BasicProperties event, byte[] body, String queue, BooleanSupplier chosen, String mark,
                        Channel copies) throws IOException {
        Map<String, Object> about = event.getHeaders() == null ? Map.of() : event.getHeaders();
        Map<String, Object> original = table(about.get("properties"));
        Object marked = table(original.get("headers")).get(BrokerAdapter.MARK_HEADER);
        if (marked != null) {
            if (mark.equals(marked.toString())) {
                copiesDelivered.incrementAndGet();
            }
            return;
        }
        if (isTrue(about.get("redelivered"))) {
            return;
        }
        seen.incrementAndGet();
        if (chosen.getAsBoolean()) {
            copies.basicPublish("", queue, false, copyOf(original, mark), body);
            copied.incrementAndGet();
        }
    }

    @Override
    public BrokerAdapter.Duplicates duplicates() {
        return new BrokerAdapter.Duplicates(seen.get(), copied.get(), copiesDelivered.get());
    }

    /** Stops copying, closes the connection (the broker deletes the tap queue with it), turns tracing off. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        stopped = true;
        if (connection.isOpen()) {
            try {
                connection.close(CLOSE_TIMEOUT_MS);
            } catch (IOException | ShutdownSignalException e) {
                connection.abort(CLOSE_TIMEOUT_MS);
            }
        }
        if (tracingOurs) {
            rabbitmqctl("trace_off", "-p", RabbitMqAdapter.VHOST);
        }
        List<String> left = new ArrayList<>();
        if (connection.isOpen()) {
            left.add("the connection " + RabbitMqAdapter.connectionName(access.tag()) + " is still open");
        }
        if (tracingOurs && tracing()) {
            left.add("tracing is still on in vhost " + RabbitMqAdapter.VHOST);
        }
        if (tapQueue != null && queues().contains(tapQueue)) {
            left.add("the queue " + tapQueue + " still exists");
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException(access.instance() + " after the release: " + String.join("; ", left));
        }
        closed = true;
    }

    /** The broker's own word: {@code rabbitmqctl list_vhosts name tracing}. */
    private boolean tracing() {
        for (String line : rabbitmqctl("-s", "list_vhosts", "name", "tracing").split("\n")) {
            String[] columns = line.split("\t");
            if (columns.length == 2 && columns[0].equals(RabbitMqAdapter.VHOST)) {
                return Boolean.parseBoolean(columns[1].strip());
            }
        }
        throw new IllegalStateException("rabbitmqctl list_vhosts on " + access.instance() + " lists no vhost "
                + RabbitMqAdapter.VHOST);
    }

    private List<String> queues() {
        return List.of(rabbitmqctl("-s", "list_queues", "-p", RabbitMqAdapter.VHOST, "name").strip().split("\n"));
    }

    private String rabbitmqctl(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ContainerControl.ExecResult result = access.run(command);
        if (!result.ok()) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " in "
                    + access.instance() + " exited with " + result.exitCode() + ": " + result.stderr().strip());
        }
        return result.stdout();
    }

    /** Fails, naming the queue, unless the broker has it (asked on a channel of its own: a miss closes it). */
    private void requireQueue(String queue) throws IOException, TimeoutException {
        Channel probe = connection.createChannel();
        try {
            probe.queueDeclarePassive(queue);
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException signal
                    && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == NOT_FOUND) {
                throw new IllegalStateException("no queue '" + queue + "' on " + access.instance() + " (vhost "
                        + RabbitMqAdapter.VHOST + "): the queue must exist when the fault is injected");
            }
            throw e;
        } finally {
            abortQuietly(probe);
        }
    }

    /**
     * The properties of a traced message (the event's {@code properties} header, a table named as in AMQP) as a
     * copy is published with: the same, plus the mark; without {@code user_id}, which the broker would check against
     * this connection's user.
     */
    static AMQP.BasicProperties copyOf(Map<String, Object> original, String mark) {
        Map<String, Object> headers = new HashMap<>(table(original.get("headers")));
        headers.put(BrokerAdapter.MARK_HEADER, mark);
        return new AMQP.BasicProperties.Builder()
                .contentType(text(original.get("content_type")))
                .contentEncoding(text(original.get("content_encoding")))
                .headers(headers)
                .deliveryMode(number(original.get("delivery_mode")))
                .priority(number(original.get("priority")))
                .correlationId(text(original.get("correlation_id")))
                .replyTo(text(original.get("reply_to")))
                .expiration(text(original.get("expiration")))
                .messageId(text(original.get("message_id")))
                .timestamp(timestamp(original.get("timestamp")))
                .type(text(original.get("type")))
                .appId(text(original.get("app_id")))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    /** AMQP timestamps are seconds; the tracer may hand one over as a number or a date. */
    private static Date timestamp(Object value) {
        if (value instanceof Date date) {
            return date;
        }
        return value instanceof Number n ? new Date(n.longValue() * 1000) : null;
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }

    private static void abortQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.abort();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing a channel that is going away anyway
        }
    }

    /** Counts the broker's confirms of the messages published on one channel. */
    private static final class Confirms implements ConfirmListener {
        final NavigableSet<Long> outstanding = new ConcurrentSkipListSet<>();
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger nacked = new AtomicInteger();

        void expect(long sequenceNumber) {
            outstanding.add(sequenceNumber);
        }

        @Override
        public void handleAck(long tag, boolean multiple) {
            acked.addAndGet(settle(tag, multiple));
        }

        @Override
        public void handleNack(long tag, boolean multiple) {
            nacked.addAndGet(settle(tag, multiple));
        }

        private int settle(long tag, boolean multiple) {
            if (!multiple) {
                return outstanding.remove(tag) ? 1 : 0;
            }
            NavigableSet<Long> settled = outstanding.headSet(tag, true);
            int count = settled.size();
            settled.clear();
            return count;
        }

        /** The channel has had every answer; its listener may still be counting the last ones. */
        void awaitAll(int published) throws TimeoutException {
            long deadline = System.nanoTime() + CONFIRM_TIMEOUT_MS * 1_000_000L;
            while (acked.get() + nacked.get() < published) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the broker answered for " + (acked.get() + nacked.get()) + " of "
                            + published + " messages within " + CONFIRM_TIMEOUT_MS + " ms");
                }
                LockSupport.parkNanos(1_000_000L);
            }
        }
    }
}
