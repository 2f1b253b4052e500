package dev.faultline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The text each phase and state has in {@code timeline.jsonl}, pinned: the file is a contract, so renaming a
 * constant must not change what is written.
 */
class WireTextTest {

    @Test
    void runPhasesAreWrittenAsBefore() {
        assertThat(Arrays.stream(RunPhase.values()).map(RunPhase::wire))
                .containsExactly("starting", "steady-state", "load", "drain", "recovery", "state", "stopping");
    }

    @Test
    void faultStatesAreWrittenAsBefore() {
        assertThat(Arrays.stream(FaultState.values()).map(FaultState::wire))
                .containsExactly("injected", "verified", "acted-again", "failed", "reverted", "revert-failed");
    }

    @Test
    void serviceStatesAreWrittenAsBefore() {
        assertThat(Arrays.stream(ServiceState.values()).map(ServiceState::wire))
                .containsExactly("started", "paused", "unpaused", "died", "restarted", "restart-failed", "retired");
    }

    @Test
    void restartStrategiesAreWrittenAsInTheTopology() {
        assertThat(Arrays.stream(dev.faultline.engine.model.RestartPolicy.Strategy.values())
                .map(dev.faultline.engine.model.RestartPolicy.Strategy::yamlName))
                .containsExactly("restart", "restore", "redeploy", "scale-down");
    }

    @Test
    void everyPhaseAndStateIsReadBackFromItsText() {
        for (RunPhase phase : RunPhase.values()) {
            assertThat(RunPhase.fromWire(phase.wire())).isSameAs(phase);
        }
        for (FaultState state : FaultState.values()) {
            assertThat(FaultState.fromWire(state.wire())).isSameAs(state);
        }
        for (ServiceState state : ServiceState.values()) {
            assertThat(ServiceState.fromWire(state.wire())).isSameAs(state);
        }
    }

    @Test
    void anUnknownTextNamesEveryKnownOne() {
        assertThatThrownBy(() -> FaultState.fromWire("verifed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FaultState: expected one of injected, verified, acted-again, failed, reverted, "
                        + "revert-failed but was 'verifed'");
    }
}
