package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Method;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real worker and its broker link against a scripted {@link FakeAmqpBroker} on 127.0.0.1; the store is
 * unreachable, so nothing here ever records a completion.
 */
class WorkerLinkTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"n\":1}");
    private static final AMQP.BasicProperties STAMPED = TaskMessage.stamped("t-12", BODY);
    /** BODY with one bit flipped in transit: the id "t-12" became "t-13". */
    private static final byte[] GARBLED_BODY = TaskMessage.body("t-13", "{\"n\":1}");

    private FakeAmqpBroker fake;
    private Store store;
    private Broker broker;
    private Worker worker;
    private Readiness readiness;

    @AfterEach
    void stop() throws IOException {
        if (readiness != null) {
            readiness.close();
        }
        if (worker != null) {
            worker.close();
        }
        broker.close();
        store.close();
        fake.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private AgentConfig connect(FakeAmqpBroker.Script script, String safeguards) throws Exception {
        return connect(script, safeguards, Map.of());
    }

    private AgentConfig connect(FakeAmqpBroker.Script script, String safeguards, Map<String, String> more)
            throws Exception {
        fake = new FakeAmqpBroker(script);
        Map<String, String> env = new HashMap<>(more);
        env.put("AGENT_ROLE", "worker");
        env.put("SAFEGUARDS", safeguards);
        env.put("BROKER_HOST", "127.0.0.1");
        env.put("BROKER_PORT", String.valueOf(fake.port()));
        env.put("STORE_HOST", "127.0.0.1");
        env.put("STORE_PORT", String.valueOf(closedPort()));
        AgentConfig config = AgentConfig.fromEnvironment(env, () -> "test-worker");
        store = new Store(config);
        broker = new Broker(config);
        broker.start();
        return config;
    }

    private void startWorker(FakeAmqpBroker.Script script, String safeguards) throws Exception {
        AgentConfig config = connect(script, safeguards);
        worker = new Worker(config, store, broker);
        worker.start();
    }

    /** Session 1 breaks on a garbled frame; the worker reconnects and consumes on session 2. */
    private void startWorkerThatReconnects(Map<String, String> env) throws Exception {
        AgentConfig config = connect((session, channel, tag) -> {
            if (session.number == 1) {
                session.writeRaw(deliverFrameWithGarbledEnd(tag));
            }
        }, "on", env);
        worker = new Worker(config, store, broker);
        worker.start();
        await().atMost(PATIENCE).until(() -> fake.received(2, AMQP.Basic.Consume.class).size() == 1);
    }

    @Test
    void aWorkerConsumesWithItsFullPrefetchAgainAfterABrokerReconnect() throws Exception {
        startWorkerThatReconnects(Map.of("PREFETCH", "7"));

        assertThat(fake.received(1, AMQP.Basic.Qos.class)).extracting(AMQP.Basic.Qos::getPrefetchCount)
                .containsExactly(7);
        assertThat(fake.received(2, AMQP.Basic.Qos.class)).extracting(AMQP.Basic.Qos::getPrefetchCount)
                .containsExactly(7);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(worker.state()).containsEntry("prefetch", 7));
    }

    @Test
    void withRestoreCapacityOffAWorkerComesBackFromAReconnectWithPrefetchOne() throws Exception {
        startWorkerThatReconnects(Map.of("PREFETCH", "7", "RESTORE_CAPACITY", "off"));

        assertThat(fake.received(1, AMQP.Basic.Qos.class)).extracting(AMQP.Basic.Qos::getPrefetchCount)
                .containsExactly(7);
        assertThat(fake.received(2, AMQP.Basic.Qos.class)).extracting(AMQP.Basic.Qos::getPrefetchCount)
                .containsExactly(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(worker.state()).containsEntry("prefetch", 1));
    }

    /** A basic.deliver frame whose frame-end octet lost a bit on the way: the client cannot parse the stream. */
    private static byte[] deliverFrameWithGarbledEnd(String consumerTag) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AMQImpl.Basic.Deliver(consumerTag, 1, false, "", "tasks").toFrame(1).writeTo(new DataOutputStream(bytes));
        byte[] frame = bytes.toByteArray();
        frame[frame.length - 1] ^= 0x01; // 0xCE -> 0xCF
        return frame;
    }

    @Test
    void aWorkerConsumesAgainAfterAGarbledFrameBreaksItsConnection() throws Exception {
        startWorker((session, channel, tag) -> {
            if (session.number == 1) {
                session.writeRaw(deliverFrameWithGarbledEnd(tag));
            } else {
                session.deliver(channel, tag, 1, true, STAMPED, GARBLED_BODY);
            }
        }, "on");

        await().atMost(PATIENCE).until(() -> fake.received(2, AMQP.Basic.Nack.class).size() == 1);

        assertThat(fake.sessions()).isEqualTo(2);
        assertThat(worker.state()).containsEntry("brokerConnects", 2L).containsEntry("consuming", true);
    }

    @Test
    void aFrameLengthGarbledBeyondTheInboundCapFailsTheConnectionAtOnce() throws Exception {
        startWorker((session, channel, tag) -> {
            if (session.number == 1) { // a body frame on channel 1 claiming 60 MiB: high bits of its length flipped
                session.writeRaw(new byte[] {3, 0, 1, 0x03, (byte) 0xc0, 0, 0, '{', '"'});
            }
        }, "on");

        // Without the cap the client would allocate 60 MiB and wait for it, reading heartbeats as payload.
        await().atMost(PATIENCE).until(() -> fake.received(2, AMQP.Basic.Consume.class).size() == 1);

        assertThat(worker.state()).containsEntry("brokerConnects", 2L);
    }

    @Test
    void aDeliveryCorruptedInTransitIsSentBackForRedelivery() throws Exception {
        startWorker((session, channel, tag) -> session.deliver(channel, tag, 1, false, STAMPED, GARBLED_BODY), "on");

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Nack.class).isEmpty());

        AMQP.Basic.Nack nack = fake.received(AMQP.Basic.Nack.class).get(0);
        assertThat(nack.getDeliveryTag()).isEqualTo(1);
        assertThat(nack.getRequeue()).isTrue();
        assertThat(nack.getMultiple()).isFalse();
        assertThat(worker.state()).containsEntry("corruptRequeued", 1L).containsEntry("corruptDiscarded", 0L)
                .containsEntry("inFlight", 0);
    }

    @Test
    void aMessageCorruptAtTheSourceIsRejectedWithoutRequeueAfterTheLimit() throws Exception {
        AMQP.BasicProperties unstamped = TaskMessage.unstamped("t-12"); // every copy the broker holds is like this
        startWorker(new FakeAmqpBroker.Script() {
            @Override
            public void onConsume(FakeAmqpBroker.Session session, int channel, String tag) throws IOException {
                session.deliver(channel, tag, 1, false, unstamped, BODY);
            }

            @Override
            public void onSettle(FakeAmqpBroker.Session session, int channel, Method settlement) throws IOException {
                if (settlement instanceof AMQP.Basic.Nack nack && nack.getRequeue()) { // the broker redelivers at once
                    session.deliver(channel, "amq.ctag-1", nack.getDeliveryTag() + 1, true, unstamped, BODY);
                }
            }
        }, "on");

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Reject.class).isEmpty());

        AMQP.Basic.Reject reject = fake.received(AMQP.Basic.Reject.class).get(0);
        assertThat(reject.getRequeue()).isFalse();
        assertThat(reject.getDeliveryTag()).isEqualTo(Intake.SAME_CORRUPTION_LIMIT);
        assertThat(fake.received(AMQP.Basic.Nack.class)).hasSize(Intake.SAME_CORRUPTION_LIMIT - 1);
        assertThat(worker.state()).containsEntry("corruptRequeued", (long) Intake.SAME_CORRUPTION_LIMIT - 1)
                .containsEntry("corruptDiscarded", 1L);
    }

    @Test
    void aDeliveryTagOutOfSequenceClosesTheChannelAndANewConsumerStarts() throws Exception {
        startWorker((session, channel, tag) -> {
            if (tag.equals("amq.ctag-1")) {
                session.deliver(channel, tag, 2, false, STAMPED, BODY); // tag 1 was due: "1" lost a bit and became "2"
            }
        }, "on");

        await().atMost(PATIENCE).until(() -> fake.received(1, AMQP.Basic.Consume.class).size() == 2);

        assertThat(fake.received(AMQP.Channel.Close.class)).isNotEmpty();
        assertThat(fake.received(AMQP.Basic.Ack.class)).isEmpty();
        assertThat(fake.received(AMQP.Basic.Nack.class)).isEmpty();
        assertThat(worker.state()).containsEntry("deliveryTagMismatches", 1L).containsEntry("brokerConnects", 1L)
                .containsEntry("inFlight", 0);
    }

    @Test
    void aConsumerCancelledByTheBrokerIsStartedAgain() throws Exception {
        startWorker((session, channel, tag) -> {
            if (tag.equals("amq.ctag-1")) {
                session.send(channel, new AMQImpl.Basic.Cancel(tag, true)); // e.g. the queue was deleted and declared again
            }
        }, "on");

        await().atMost(PATIENCE).until(() -> fake.received(1, AMQP.Basic.Consume.class).size() == 2);

        assertThat(worker.state()).containsEntry("consuming", true).containsEntry("brokerConnects", 1L);
    }

    @Test
    void anUnsafeWorkerAutoAcksAndDropsADeliveryWhoseBodyDoesNotParse() throws Exception {
        byte[] unparsable = "{\"id\":\"t-12\",\"payload\"".getBytes(StandardCharsets.UTF_8);
        startWorker((session, channel, tag) -> session.deliver(channel, tag, 1, false, STAMPED, unparsable), "off");

        await().atMost(PATIENCE).until(() -> (long) worker.state().get("dropped") == 1L);

        assertThat(fake.received(AMQP.Basic.Consume.class).get(0).getNoAck()).isTrue();
        assertThat(fake.received(AMQP.Basic.Nack.class)).isEmpty();
        assertThat(worker.state()).containsEntry("corruptRequeued", 0L).containsEntry("inFlight", 0);
    }

    @Test
    void aHeldConnectionTurnsTheBrokerDownAndAShortHoldResumesOnTheSameConnection() throws Exception {
        connect((session, channel, tag) -> {}, "on");
        readiness = new Readiness(broker::probe, () -> true);
        readiness.start();
        await().atMost(PATIENCE).until(() -> readiness.snapshot().brokerUp());

        fake.hold();

        await().atMost(Duration.ofMillis(Readiness.STALE_AFTER_MS + 1000)).until(() -> !readiness.snapshot().brokerUp());
        fake.release();
        await().atMost(PATIENCE).until(() -> readiness.snapshot().brokerUp());
        assertThat(broker.connects()).isEqualTo(1);
        assertThat(fake.sessions()).isEqualTo(1);
    }
}
