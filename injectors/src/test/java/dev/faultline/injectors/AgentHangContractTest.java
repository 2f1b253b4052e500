package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;

/** The fault contract of {@code agent-hang}, over the fake containers, with both workers as targets. */
class AgentHangContractTest extends FaultContractTest {
    @Override
    protected Fault fault() {
        return new AgentHangType().configure(YamlParams.parse("{}"), Duration.ofSeconds(3));
    }

    @Override
    protected List<String> targets() {
        return List.of("worker-0", "worker-1");
    }

    /** Someone thawed a worker behind the fault's back. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        run.apply();
        containers.unpause("worker-1");
    }

    /** Both workers run unpaused and supervised, and the broker was left alone. */
    @Override
    protected void assertReverted() {
        for (String worker : targets()) {
            assertThat(containers.isRunning(worker)).as(worker + " running").isTrue();
            assertThat(containers.isPaused(worker)).as(worker + " paused").isFalse();
        }
        assertThat(containers.unsupervised).as("instances left unsupervised").isEmpty();
        assertThat(containers.operations).as("operations on the broker").noneMatch(op -> op.contains("rabbitmq"));
    }

    @Test
    void freezesEveryTargetThenThawsItLeavingSupervisionAlone() throws Exception {
        Fault.Handle run = run(fault());

        run.apply();
        assertThat(run.verify().detail()).isEqualTo("[worker-0, worker-1] frozen");
        run.revert();

        assertThat(containers.operations).containsExactly("pause worker-0", "pause worker-1", "unpause worker-0",
                "unpause worker-1");
    }

    @Test
    void isNotVerifiedWhileOneTargetStillRuns() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();

        containers.unpause("worker-0");

        assertThat(run.verify().detail()).isEqualTo("not frozen: [worker-0]");
    }

    @Test
    void revertThawsOnlyWhatTheFaultFroze() throws Exception {
        containers.pause("rabbitmq");
        Fault.Handle run = run(fault());
        run.apply();

        run.revert();

        assertThat(containers.isPaused("rabbitmq")).as("rabbitmq paused by someone else").isTrue();
    }

    @Test
    void aPauseThatFailedLeavesNothingToThaw() {
        Fault.Handle run = run(fault());
        containers.failing.add("pause");
        assertThatThrownBy(run::apply).isInstanceOf(IllegalStateException.class);

        assertThatCode(run::revert).doesNotThrowAnyException();

        assertThat(containers.operations).noneMatch(op -> op.startsWith("unpause"));
    }

    @Test
    void aRevertThatFailedThawsEverythingWhenTriedAgain() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();
        containers.failing.add("unpause");
        assertThatThrownBy(run::revert).isInstanceOf(IllegalStateException.class);

        containers.failing.clear();
        run.revert();

        assertReverted();
    }

    @Test
    void isAWindowNotAnInstant() {
        assertThat(fault().instantaneous()).isFalse();
    }
}
