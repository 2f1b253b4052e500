package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.Method;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A poison message (not a task, no integrity stamp) at a worker: the broker is a {@link FakeAmqpBroker} that delivers
 * it again whenever the worker sends it back, up to {@link #MAX_DELIVERIES} times.
 */
class DeadLetteringTest extends WorkerOnFakesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int MAX_DELIVERIES = 12;
    private static final byte[] POISON = "this is not json".getBytes(StandardCharsets.UTF_8);
    private static final AMQP.BasicProperties BARE = new AMQP.BasicProperties.Builder().build();

    private final AtomicLong deliveries = new AtomicLong();
    private void startWorker(Map<String, String> more) throws Exception {
        start(new FakeAmqpBroker.Script() {
            @Override
            public void onConsume(FakeAmqpBroker.Session session, int channel, String tag) throws IOException {
                session.deliver(channel, tag, deliveries.incrementAndGet(), false, BARE, POISON);
            }

            @Override
            public void onSettle(FakeAmqpBroker.Session session, int channel, Method settlement) throws IOException {
                if (settlement instanceof AMQP.Basic.Nack nack && nack.getRequeue()
                        && deliveries.get() < MAX_DELIVERIES) {
                    session.deliver(channel, "amq.ctag-1", deliveries.incrementAndGet(), true, BARE, POISON);
                }
            }
        }, more);
    }

    /** Arguments as received: their strings are the client's LongStrings. */
    private static Map<String, String> asStrings(Map<String, Object> arguments) {
        Map<String, String> strings = new HashMap<>();
        arguments.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }

    @Test
    void everyDeclarerGivesTheTaskQueueADeadLetterQueue() throws Exception {
        startWorker(Map.of());

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Consume.class).isEmpty());

        assertThat(fake.received(AMQP.Queue.Declare.class)).filteredOn(d -> d.getQueue().equals("tasks"))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(asStrings(d.getArguments())).isEqualTo(
                        Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "tasks.dead")));
        assertThat(fake.received(AMQP.Queue.Declare.class)).filteredOn(d -> d.getQueue().equals("tasks.dead"))
                .isNotEmpty().allSatisfy(d -> assertThat(d.getDurable()).isTrue());
    }

    @Test
    void aSafeWorkerRejectsAPoisonMessageWithoutRequeueOnItsLimitthArrival() throws Exception {
        startWorker(Map.of());

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Reject.class).isEmpty());

        assertThat(fake.received(AMQP.Basic.Reject.class)).singleElement()
                .satisfies(r -> assertThat(r.getRequeue()).isFalse());
        assertThat(deliveries).hasValue(Intake.SAME_CORRUPTION_LIMIT);
        assertThat(worker.state()).containsEntry("deadLettered", 1L).containsEntry("poisonRequeued", 0L);
    }

    @Test
    void withoutDeadLetteringAWorkerSendsAPoisonMessageBackForEver() throws Exception {
        startWorker(Map.of("DEAD_LETTER", "off"));

        await().atMost(PATIENCE).until(() -> fake.received(AMQP.Basic.Nack.class).size() == MAX_DELIVERIES);

        assertThat(fake.received(AMQP.Basic.Reject.class)).isEmpty();
        assertThat(worker.state()).containsEntry("deadLettered", 0L)
                .containsEntry("poisonRequeued", (long) MAX_DELIVERIES - Intake.SAME_CORRUPTION_LIMIT + 1);
    }
}
