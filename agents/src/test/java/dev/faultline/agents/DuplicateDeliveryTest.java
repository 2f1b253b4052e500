package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A task that reaches a safe worker twice: the broker is a {@link FakeAmqpBroker} that delivers task t-12 twice in a
 * row (tags 1 and 2); the store is a {@link FakeJdbc}, whose {@code completions} table is unique on the task id.
 */
class DuplicateDeliveryTest extends WorkerOnFakesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"n\":1}");
    private static final AMQP.BasicProperties STAMPED = TaskMessage.stamped("t-12", BODY);

    private void startWorker(Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(more);
        env.put("PREFETCH", "1"); // one after the other: the second insert sees the first
        start((session, channel, tag) -> {
            session.deliver(channel, tag, 1, false, STAMPED, BODY);
            session.deliver(channel, tag, 2, false, STAMPED, BODY);
        }, env);
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
