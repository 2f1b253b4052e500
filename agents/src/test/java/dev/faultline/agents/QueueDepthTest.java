package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The figures the drain reads from an orchestrator besides its store: the task queue's depth at the broker (against a
 * scripted {@link FakeAmqpBroker}) and the unsafe publisher's backlog in memory.
 */
class QueueDepthTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private FakeAmqpBroker fake;
    private Broker broker;
    private UnsafePublisher publisher;

    @AfterEach
    void stop() throws IOException {
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed again at once: connections to it are refused
        }
    }

    private Broker brokerAt(int port) throws InvalidConfigException {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_ROLE", "orchestrator");
        env.put("BROKER_HOST", "127.0.0.1");
        env.put("BROKER_PORT", String.valueOf(port));
        broker = new Broker(AgentConfig.fromEnvironment(env, () -> "test-orchestrator"));
        broker.start();
        return broker;
    }

    @Test
    void theReadyMessagesAreCountedByAPassiveDeclareOfTheTaskQueue() throws Exception {
        fake = new FakeAmqpBroker((session, channel, tag) -> {});
        fake.readyMessages = 7;
        brokerAt(fake.port());

        await().atMost(PATIENCE).until(() -> broker.current() != null);
        Long ready = broker.readyMessages();

        assertThat(ready).isEqualTo(7L);
        assertThat(fake.received(AMQP.Queue.Declare.class)).filteredOn(AMQP.Queue.Declare::getPassive)
                .extracting(AMQP.Queue.Declare::getQueue).containsExactly(broker.queue());
    }

    @Test
    void theReadyMessagesAreUnknownWhileTheBrokerIsUnreachable() throws Exception {
        brokerAt(closedPort());

        Long ready = broker.readyMessages();

        assertThat(ready).isNull();
    }

    @Test
    void anUnsafeOrchestratorsBacklogCountsEveryTaskNotYetPublishedNorDropped() throws Exception {
        publisher = new UnsafePublisher(brokerAt(closedPort()), java.util.Optional.empty(), tasks -> {});
        publisher.submit(TaskRequest.parse("{\"id\":\"t-1\",\"payload\":{}}".getBytes()));
        publisher.submit(TaskRequest.parse("{\"id\":\"t-2\",\"payload\":{}}".getBytes()));
        assertThat(publisher.backlog()).isEqualTo(2);

        publisher.start();

        await().atMost(PATIENCE).until(() -> publisher.backlog() == 0);
        assertThat(publisher.dropped()).isEqualTo(2);
    }

    @Test
    void anUnsafeOrchestratorRecordsWhatWaitedInOneCallNotACallPerTask() throws Exception {
        fake = new FakeAmqpBroker((session, channel, tag) -> {});
        List<List<String>> recorded = new CopyOnWriteArrayList<>();
        publisher = new UnsafePublisher(brokerAt(fake.port()), Optional.empty(),
                tasks -> recorded.add(tasks.stream().map(TaskRequest::id).toList()));
        await().atMost(PATIENCE).until(() -> broker.current() != null);
        List<String> ids = IntStream.rangeClosed(1, 50).mapToObj(i -> "t-" + i).toList();
        for (String id : ids) {
            publisher.submit(TaskRequest.parse(("{\"id\":\"" + id + "\",\"payload\":{}}").getBytes()));
        }

        publisher.start();

        await().atMost(PATIENCE).until(() -> publisher.backlog() == 0);
        assertThat(publisher.published()).isEqualTo(50);
        assertThat(recorded).containsExactly(ids); // a store connection each call: one for the 50 that waited
    }
}
