package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real worker does with one task after the work: the result buffer, the checkpoint, the completion record,
 * and what it does when one of them fails. The broker is a {@link FakeAmqpBroker} that delivers task t-12 once; the
 * store is a {@link FakeJdbc}.
 */
class WorkerCompletionTest extends WorkerOnFakesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** The record is retried with backoff for about 10 s before the task is sent back. */
    private static final Duration RETRIES_EXHAUSTED = Duration.ofSeconds(25);
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"n\":1}");
    private static final AMQP.BasicProperties STAMPED = TaskMessage.stamped("t-12", BODY);

    @TempDir
    Path tmp;

    private void startWorker(String safeguards, Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(more);
        env.put("SAFEGUARDS", safeguards);
        start((session, channel, tag) -> session.deliver(channel, tag, 1, false, STAMPED, BODY), env);
    }

    private long counter(String name) {
        return (long) worker.state().get(name);
    }

    /** A checkpoint directory that cannot be written: its parent is a regular file (as good as a full disk). */
    private Map<String, String> unwritableCheckpoints() throws IOException {
        Path file = Files.createFile(tmp.resolve("not-a-directory"));
        return Map.of("CHECKPOINT_DIR", file.resolve("checkpoints").toString());
    }

    @Test
    void anUnsafeWorkerGivesUpATaskWhoseCompletionItCannotRecord() throws Exception {
        jdbc.refuse();
        startWorker("off", Map.of());

        await().atMost(PATIENCE).until(() -> counter("gaveUp") == 1L);

        assertThat(worker.state()).containsEntry("processed", 0L).containsEntry("dropped", 0L);
        assertThat(fake.received(AMQP.Basic.Nack.class)).isEmpty();
    }

    @Test
    void aSafeWorkerSendsBackATaskWhoseCompletionItCannotRecord() throws Exception {
        jdbc.refuse();
        startWorker("on", Map.of());

        await().atMost(RETRIES_EXHAUSTED).until(() -> !fake.received(AMQP.Basic.Nack.class).isEmpty());

        assertThat(fake.received(AMQP.Basic.Nack.class).get(0).getRequeue()).isTrue();
        assertThat(worker.state()).containsEntry("requeued", 1L).containsEntry("gaveUp", 0L);
    }

    @Test
    void aSafeWorkerCompletesAndAcksATaskWhoseCheckpointCannotBeWritten() throws Exception {
        startWorker("on", unwritableCheckpoints());

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Ack.class).isEmpty());

        assertThat(jdbc.inserted()).containsExactly("t-12");
        assertThat(worker.state()).containsEntry("checkpointFailures", 1L).containsEntry("checkpoints", 0L)
                .containsEntry("gaveUp", 0L);
    }

    @Test
    void anUnsafeWorkerGivesUpATaskWhoseCheckpointCannotBeWritten() throws Exception {
        startWorker("off", unwritableCheckpoints());

        await().atMost(PATIENCE).until(() -> counter("gaveUp") == 1L);

        assertThat(jdbc.inserted()).isEmpty();
        assertThat(worker.state()).containsEntry("checkpointFailures", 1L).containsEntry("processed", 0L);
    }

    @Test
    void aWorkerWritesTheTasksCheckpointBeforeRecordingItsCompletion() throws Exception {
        Path dir = tmp.resolve("checkpoints");
        AtomicBoolean checkpointedFirst = new AtomicBoolean();
        jdbc.beforeInsert(id -> checkpointedFirst.set(Files.exists(dir.resolve(Checkpoints.fileName(id)))));
        startWorker("on", Map.of("CHECKPOINT_DIR", dir.toString()));

        await().atMost(PATIENCE).until(() -> counter("processed") == 1L);

        assertThat(checkpointedFirst).isTrue();
        assertThat(worker.state()).containsEntry("checkpoints", 1L);
    }

    @Test
    void aWorkerKeepsTheResultOfATaskInAResultBuffer() throws Exception {
        startWorker("on", Map.of("RESULT_BUFFERS", "8"));

        await().atMost(PATIENCE).until(() -> counter("processed") == 1L);

        assertThat(worker.state()).containsEntry("resultBuffers", 1);
    }

    @Test
    void aWorkerWithStoreCheckpointsConsumesNothingBeforeItsTallyIsRestored() throws Exception {
        jdbc.refuse();
        startWorker("on", Map.of("CHECKPOINT_STORE", "on"));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> fake.received(AMQP.Basic.Consume.class).isEmpty());

        assertThat(worker.state()).containsEntry("consuming", false).containsEntry("ledger", Map.of("pending", 0L));
    }

    @Test
    void aWorkerKeepsNoResultUnlessAskedTo() throws Exception {
        startWorker("off", Map.of());

        await().atMost(PATIENCE).until(() -> counter("processed") == 1L);

        assertThat(worker.state()).containsEntry("resultBuffers", 0);
    }
}
