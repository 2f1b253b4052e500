package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.YamlParams;

class AgentCrashContractTest extends FaultContractTest {
    @Override
    protected Fault fault() {
        return new AgentCrashType().configure(YamlParams.parse("{signal: KILL}"), null);
    }

    @Override
    protected List<String> targets() {
        return List.of("worker-0");
    }

    /** A crash is brought back by the restart policy, not by revert: revert must only not make things worse. */
    @Override
    protected void assertReverted() {
        assertThat(containers.isRunning("worker-1")).as("worker-1 running").isTrue();
        assertThat(containers.isRunning("rabbitmq")).as("rabbitmq running").isTrue();
    }

    @Test
    void sendsTheConfiguredSignalToEveryTarget() throws Exception {
        Fault fault = new AgentCrashType().configure(YamlParams.parse("{signal: term}"), null);

        run(fault).apply();

        assertThat(containers.operations).containsExactly("kill worker-0 TERM");
    }

    @Test
    void aProcessStartedAnewSinceTheCrashCountsAsCrashed() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();

        containers.start("worker-0");

        assertThat(run.verify().tookEffect()).isTrue();
    }

    @Test
    void isInstantaneous() {
        assertThat(fault().instantaneous()).isTrue();
    }

    @Test
    void killIsTheDefaultSignal() {
        assertThat(new AgentCrashType().configure(YamlParams.parse("{}"), null).describe()).isEqualTo("signal=KILL");
    }

    @Test
    void anUnknownSignalIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> new AgentCrashType().configure(YamlParams.parse("{signal: HUP}"), null))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("signal: expected one of kill, term but was 'HUP'");
    }

    @Test
    void anUnknownFieldIsRejectedWithAHint() {
        assertThatThrownBy(() -> new AgentCrashType().configure(YamlParams.parse("{signl: KILL}"), null))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("did you mean 'signal'?");
    }

    @Test
    void repeatNeedsTimesAndEvery() {
        assertThatThrownBy(() -> new AgentCrashType().configure(YamlParams.parse("{repeat: {times: 2}}"), null))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("repeat.every");
    }

    @Test
    void eachRepeatedCrashTellsTheRunThatItActedAgain() throws Exception {
        containers.ignoreSignals = true; // the target is back up before each repeat
        Fault.Handle run = repeatedTwice().handle(recording);

        run.apply();

        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.actedAgain.size() == 2);
            assertThat(recording.actedAgain)
                    .containsExactly("repeat 1 of 2: SIGKILL to [worker-0]", "repeat 2 of 2: SIGKILL to [worker-0]");
        } finally {
            run.revert();
        }
    }

    @Test
    void theRunIsToldBeforeTheRepeatSignals() throws Exception {
        containers.ignoreSignals = true;
        Fault.Handle run = repeatedTwice().handle(recording);

        run.apply();

        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.killsWhenToldAgain.size() == 2);
            assertThat(recording.killsWhenToldAgain).containsExactly(1L, 2L);
        } finally {
            run.revert();
        }
    }

    @Test
    void aRepeatThatFindsNoTargetRunningDoesNotActAgain() throws Exception {
        Fault.Handle run = repeatedTwice().handle(recording); // worker-0 stays down after the first crash

        run.apply();

        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.notes.stream()
                    .filter(n -> n.endsWith("no target running, no signal sent")).count() == 2);
            assertThat(recording.actedAgain).isEmpty();
        } finally {
            run.revert();
        }
    }

    private Fault repeatedTwice() {
        return new AgentCrashType().configure(YamlParams.parse("{repeat: {times: 2, every: 20ms}}"), null);
    }

    private final RecordingContext recording = new RecordingContext();

    /**
     * The contract's context for a repeated crash, recording what the fault tells the run (from the fault's own
     * thread): each time it acted again, how many kills it had sent by then, and its notes.
     */
    private final class RecordingContext implements FaultContext {
        private final FaultContext contract = context(repeatedTwice());
        final List<String> actedAgain = new CopyOnWriteArrayList<>();
        final List<Long> killsWhenToldAgain = new CopyOnWriteArrayList<>();
        final List<String> notes = new CopyOnWriteArrayList<>();

        @Override
        public FaultSpec spec() {
            return contract.spec();
        }

        @Override
        public List<String> targetInstances() {
            return contract.targetInstances();
        }

        @Override
        public ContainerControl containers() {
            return contract.containers();
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }

        @Override
        public void actedAgain(String detail) {
            killsWhenToldAgain.add(containers.operations.stream().filter(o -> o.startsWith("kill ")).count());
            actedAgain.add(detail);
        }
    }
}
