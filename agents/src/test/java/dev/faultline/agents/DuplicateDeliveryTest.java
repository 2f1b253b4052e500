package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task that reaches a safe worker twice: the broker is a {@link FakeAmqpBroker} that delivers task t-12 twice in a
 * row (tags 1 and 2); the store is a {@link FakeJdbc}, whose {@code completions} table is unique on the task id.
 */
class DuplicateDeliveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"n\":1}");
    private static final AMQP.BasicProperties STAMPED = TaskMessage.stamped("t-12", BODY);

    private final FakeJdbc jdbc = new FakeJdbc();
    private FakeAmqpBroker fake;
    private Store store;
    private Broker broker;
    private Worker worker;

    @AfterEach
    void stop() throws IOException {
        worker.close();
        broker.close();
        store.close();
        fake.close();
    }

    private void startWorker(Map<String, String> more) throws Exception {
        fake = new FakeAmqpBroker((session, channel, tag) -> {
            session.deliver(channel, tag, 1, false, STAMPED, BODY);
            session.deliver(channel, tag, 2, false, STAMPED, BODY);
        });
        Map<String, String> env = new HashMap<>(more);
        env.put("AGENT_ROLE", "worker");
        env.put("WORK_TIME", "1ms");
        env.put("PREFETCH", "1"); // one after the other: the second insert sees the first
        env.put("BROKER_HOST", "127.0.0.1");
        env.put("BROKER_PORT", String.valueOf(fake.port()));
        AgentConfig config = AgentConfig.fromEnvironment(env, () -> "test-worker");
        store = jdbc.store(config.safeguards());
        broker = new Broker(config);
        broker.start();
        worker = new Worker(config, store, broker);
        worker.start();
    }

    @Test
    void anIdempotentWorkerRecordsATaskDeliveredTwiceOnce() throws Exception {
        startWorker(Map.of());

        await().atMost(PATIENCE).until(() -> fake.received(AMQP.Basic.Ack.class).size() == 2);

        assertThat(jdbc.insertedInto(Schema.COMPLETIONS)).containsExactly("t-12");
        assertThat(worker.state()).containsEntry("alreadyCompleted", 1L);
    }

    @Test
    void withoutIdempotenceAWorkerRecordsATaskDeliveredTwiceTwice() throws Exception {
        startWorker(Map.of("IDEMPOTENT", "off"));

        await().atMost(PATIENCE).until(() -> fake.received(AMQP.Basic.Ack.class).size() == 2);

        assertThat(jdbc.insertedInto(Schema.COMPLETIONS_UNSAFE)).containsExactly("t-12", "t-12");
        assertThat(worker.state()).containsEntry("alreadyCompleted", 0L);
    }
}
