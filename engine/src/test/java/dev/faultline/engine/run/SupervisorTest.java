package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.HealthCheck;
import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.model.RestartPolicy.Strategy;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent.InstanceRecovery;
import dev.faultline.engine.timeline.TimelineEvent.ServiceChange;

/** Each restart strategy: what the supervisor does to a dead instance, and when it records it back. */
class SupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Timeline timeline = new Timeline();
    /** Instances whose health endpoint passes, and those whose state reports restoredFrom. */
    private final Set<String> healthy = ConcurrentHashMap.newKeySet();
    private final Set<String> restored = ConcurrentHashMap.newKeySet();
    private final InstanceChecks checks = new InstanceChecks() {
        @Override
        public boolean healthy(String instance) {
            return healthy.contains(instance);
        }

        @Override
        public boolean restored(String instance) {
            return restored.contains(instance);
        }
    };
    private Supervisor supervisor;

    @AfterEach
    void closeSupervisor() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private FakeTopology topology(Strategy strategy, int replicas, Duration delay) {
        ServiceSpec worker = new ServiceSpec("worker", "faultline/agent", Role.AGENT, replicas, Map.of(),
                List.of(8080), new HealthCheck("/health", 8080), List.of(),
                new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, delay, strategy), null,
                new HealthCheck("/state", 8080));
        FakeTopology fake = new FakeTopology(new Topology("t", Map.of("worker", worker), List.of()), -1);
        supervisor = new Supervisor(fake, timeline, checks, WAIT);
        return fake;
    }

    private List<InstanceRecovery> recoveries() {
        return timeline.events(InstanceRecovery.class, r -> true);
    }

    private InstanceRecovery awaitRecovery() throws InterruptedException {
        assertThat(Poll.until(() -> !recoveries().isEmpty(), WAIT, Duration.ofMillis(10), () -> false))
                .as("a recovery was recorded").isTrue();
        return recoveries().get(0);
    }

    @Test
    void aRestartIsRecordedFromTheDeathUntilTheInstanceIsHealthyAgain() throws InterruptedException {
        FakeTopology fake = topology(Strategy.RESTART, 1, Duration.ofMillis(200));

        fake.emit("worker", "die");
        assertThat(Poll.until(() -> fake.actions.contains("start worker"), WAIT, Duration.ofMillis(10), () -> false))
                .isTrue();
        assertThat(recoveries()).as("not back before it is healthy").isEmpty();
        healthy.add("worker");
        InstanceRecovery r = awaitRecovery();

        assertThat(r.instance()).isEqualTo("worker");
        assertThat(r.strategy()).isEqualTo(Strategy.RESTART);
        assertThat(r.recovered()).isTrue();
        assertThat(r.durationMs()).as("at least the restart delay").isGreaterThanOrEqualTo(200);
        assertThat(fake.actions).containsExactly("start worker");
    }

    @Test
    void aRestoreIsBackOnlyOnceTheInstanceReportsWhereItRestoredFrom() throws InterruptedException {
        FakeTopology fake = topology(Strategy.RESTORE, 1, Duration.ZERO);
        healthy.add("worker");

        fake.emit("worker", "die");
        assertThat(Poll.until(() -> fake.actions.contains("start worker"), WAIT, Duration.ofMillis(10), () -> false))
                .isTrue();
        assertThat(Poll.until(() -> !recoveries().isEmpty(), Duration.ofMillis(300), Duration.ofMillis(10),
                () -> false)).as("healthy but not restored: not back").isFalse();
        restored.add("worker");
        InstanceRecovery r = awaitRecovery();

        assertThat(r.strategy()).isEqualTo(Strategy.RESTORE);
        assertThat(r.recovered()).isTrue();
        assertThat(r.detail()).isEqualTo("healthy and restored from a checkpoint");
        assertThat(r.durationMs()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aRedeployReplacesTheContainerInsteadOfStartingItAgain() throws InterruptedException {
        FakeTopology fake = topology(Strategy.REDEPLOY, 1, Duration.ZERO);
        healthy.add("worker");

        fake.emit("worker", "die");
        InstanceRecovery r = awaitRecovery();

        assertThat(fake.actions).containsExactly("redeploy worker");
        assertThat(r.strategy()).isEqualTo(Strategy.REDEPLOY);
        assertThat(r.recovered()).isTrue();
        assertThat(timeline.events(ServiceChange.class, c -> c.change() == ServiceState.RESTARTED))
                .singleElement().satisfies(c -> assertThat(c.detail()).contains("redeployed"));
    }

    @Test
    void aScaleDownRetiresTheInstanceAndIsBackWhenTheRemainingReplicasAreHealthy() throws InterruptedException {
        FakeTopology fake = topology(Strategy.SCALE_DOWN, 2, Duration.ofSeconds(10));
        healthy.add("worker-1");

        fake.emit("worker-0", "die");
        InstanceRecovery r = awaitRecovery();

        assertThat(fake.actions).as("retired, never started again").containsExactly("retire worker-0");
        assertThat(fake.serving("worker")).containsExactly("worker-1");
        assertThat(r.strategy()).isEqualTo(Strategy.SCALE_DOWN);
        assertThat(r.recovered()).isTrue();
        assertThat(r.detail()).isEqualTo("served by worker-1");
        assertThat(r.durationMs()).as("the restart delay does not apply").isLessThan(10_000);
    }

    @Test
    void aScaleDownOfTheLastReplicaLeavesTheServiceWithoutAnyAndIsNotBack() throws InterruptedException {
        FakeTopology fake = topology(Strategy.SCALE_DOWN, 1, Duration.ZERO);

        fake.emit("worker", "die");
        InstanceRecovery r = awaitRecovery();

        assertThat(r.recovered()).isFalse();
        assertThat(r.detail()).isEqualTo("no replica of worker left");
        assertThat(fake.serving("worker")).isEmpty();
    }

    @Test
    void aRecoveryStillUnderWayWhenTheRunEndsIsRecordedAsNotBack() throws InterruptedException {
        FakeTopology fake = topology(Strategy.RESTART, 1, Duration.ZERO);

        fake.emit("worker", "die");
        assertThat(Poll.until(() -> fake.actions.contains("start worker"), WAIT, Duration.ofMillis(10), () -> false))
                .isTrue();
        supervisor.close();

        assertThat(recoveries()).singleElement().satisfies(r -> {
            assertThat(r.recovered()).isFalse();
            assertThat(r.detail()).isEqualTo("the run ended before it was back");
        });
    }
}
