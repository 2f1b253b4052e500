package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A task published with a 10 s deadline reaches a worker whose wall clock runs 30 s ahead of the orchestrator's: the
 * broker is a {@link FakeAmqpBroker} that delivers it once, the store a {@link FakeJdbc}.
 */
class WorkerDeadlineTest extends WorkerOnFakesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long PUBLISHED_AT = System.currentTimeMillis(); // by the orchestrator's true clock
    private static final long SKEWED_NOW = PUBLISHED_AT + 30_000 + 100; // +30 s skew, 100 ms after publishing
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"n\":1}");
    private static final AMQP.BasicProperties WITH_DEADLINE =
            new TaskDeadline(Duration.ofSeconds(10)).stamp(TaskMessage.stamped("t-12", BODY), PUBLISHED_AT);

    private void startSkewedWorker(Map<String, String> env) throws Exception {
        start((session, channel, tag) -> session.deliver(channel, tag, 1, false, WITH_DEADLINE, BODY), env,
                () -> SKEWED_NOW);
    }

    @Test
    void aWorkerLeavingTheDeadlineToTheBrokerCompletesTheTaskWhateverItsOwnClockSays() throws Exception {
        startSkewedWorker(Map.of());

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Ack.class).isEmpty());

        assertThat(jdbc.inserted()).containsExactly("t-12");
        assertThat(worker.state()).containsEntry("expired", 0L);
    }

    @Test
    void aWorkerTrustingItsOwnSkewedWallClockRejectsTheTaskAsExpired() throws Exception {
        startSkewedWorker(Map.of("DEADLINE_CLOCK", "wall"));

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Reject.class).isEmpty());

        assertThat(fake.received(AMQP.Basic.Reject.class)).singleElement()
                .satisfies(r -> assertThat(r.getRequeue()).isFalse());
        assertThat(jdbc.inserted()).isEmpty();
        assertThat(worker.state()).containsEntry("expired", 1L).containsEntry("deadLettered", 1L);
    }
}
