package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Fault;
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
}
