package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real planner and its broker link against a scripted {@link FakeAmqpBroker} on 127.0.0.1; its lease lives in a
 * table that answers what each test needs (the lease's own rules: {@link LeaderLeaseTest}).
 */
class PlannerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final byte[] BODY = TaskMessage.body("t-7", "{\"n\":1}");
    private static final AMQP.BasicProperties STAMPED = TaskMessage.stamped("t-7", BODY);

    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean storeReachable = true;
    private FakeAmqpBroker fake;
    private Broker broker;
    private Planner planner;

    @AfterEach
    void stop() throws IOException {
        planner.close();
        broker.close();
        fake.close();
    }

    /** This process holds the lease (600 ms, renewed every 200 ms) while the store answers. */
    private LeaderLease.Held held(LeaderLease.Attempt a) throws java.sql.SQLException {
        attempts.incrementAndGet();
        if (!storeReachable) {
            throw new java.sql.SQLException("connection refused", "08001");
        }
        return new LeaderLease.Held(a.holder(), a.incarnation(), 1, a.lease().toMillis(), 0, a.consuming());
    }

    private void startPlanner(LeaderLease.Table table) throws Exception {
        fake = new FakeAmqpBroker((session, channel, tag) -> session.deliver(channel, tag, 1, false, STAMPED, BODY));
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_ROLE", "planner");
        env.put("BROKER_HOST", "127.0.0.1");
        env.put("BROKER_PORT", String.valueOf(fake.port()));
        env.put("LEADER_LEASE", "600ms");
        AgentConfig config = AgentConfig.fromEnvironment(env, () -> "planner-0");
        broker = new Broker(config);
        broker.start();
        Store store = new FakeJdbc().store(true);
        LeaderLease lease = new LeaderLease(store, table, "planner-0", config.leadership().lease(),
                config.leadership().renew(), Duration.ZERO, System::nanoTime);
        planner = new Planner(config, broker, lease);
        planner.start();
    }

    @Test
    void theLeaderForwardsEachPlanIntoTheTaskQueueUnchangedAndAcksItOnlyOnceTheBrokerConfirmedIt() throws Exception {
        startPlanner((c, a) -> Optional.of(held(a)));

        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Ack.class).isEmpty());

        List<Object> publishAndAck = fake.received(Object.class).stream()
                .filter(m -> m instanceof AMQP.Basic.Publish || m instanceof AMQP.Basic.Ack).toList();
        assertThat(publishAndAck).hasSize(2).first().isInstanceOf(AMQP.Basic.Publish.class);
        AMQP.Basic.Publish publish = (AMQP.Basic.Publish) publishAndAck.get(0);
        assertThat(publish.getRoutingKey()).isEqualTo("tasks");
        assertThat(publish.getMandatory()).isTrue();
        assertThat(fake.received(AMQP.Basic.Consume.class)).singleElement()
                .satisfies(consume -> assertThat(consume.getQueue()).isEqualTo("plans"));
        assertThat(planner.state()).containsEntry("forwarded", 1L).containsEntry("leading", true)
                .containsEntry("term", 1L);
        assertThat(planner.leader().status()).isEqualTo(200);
    }

    @Test
    void aPlannerThatDoesNotLeadNeverConsumesThePlans() throws Exception {
        startPlanner((c, a) -> {
            attempts.incrementAndGet();
            return Optional.of(new LeaderLease.Held("planner-1", "another process", 1, 600, 0, true));
        });

        await().atMost(PATIENCE).until(() -> attempts.get() >= 5);

        assertThat(fake.received(AMQP.Basic.Consume.class)).isEmpty();
        assertThat(planner.state()).containsEntry("leading", false).containsEntry("consuming", false);
        assertThat(planner.leader().status()).as("planner-1 leads, live and consuming").isEqualTo(200);
    }

    @Test
    void leaderAnswers503WhileTheLeaderDoesNotConsumeItsPlans() throws Exception {
        startPlanner((c, a) -> {
            attempts.incrementAndGet();
            return Optional.of(new LeaderLease.Held("planner-1", "another process", 1, 600, 0, false));
        });

        await().atMost(PATIENCE).until(() -> attempts.get() >= 1);

        HttpApi.Response answer = planner.leader();
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo(Map.of("leader", "planner-1", "term", 1L, "self", "planner-0",
                "leading", false, "live", true, "consuming", false));
    }

    @Test
    void aLeaderCutOffFromTheStoreStopsConsumingWhenItsLeaseEnds() throws Exception {
        startPlanner((c, a) -> Optional.of(held(a)));
        await().atMost(PATIENCE).until(() -> !fake.received(AMQP.Basic.Ack.class).isEmpty());

        int closedBefore = fake.received(AMQP.Channel.Close.class).size(); // the link's own declaring channel

        storeReachable = false;

        await().atMost(PATIENCE).until(() -> fake.received(AMQP.Channel.Close.class).size() > closedBefore);
        assertThat(planner.state()).containsEntry("leading", false).containsEntry("consuming", false);
        assertThat(planner.leader().status()).isEqualTo(503);
    }
}
