package dev.faultline.injectors;

import static dev.faultline.injectors.Problems.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.YamlParams;

class AgentHangTypeTest {
    @TempDir
    Path dir;

    private static Fault configure(String with) {
        return new AgentHangType().configure(YamlParams.parse(with), Duration.ofSeconds(3));
    }

    private Scenario load(String fault) throws IOException {
        return DeskScenario.load(dir, new AgentHangType(), fault);
    }

    @Test
    void isTheAgentHangTypeWithARequiredDuration() {
        assertThat(new AgentHangType().type()).isEqualTo("agent-hang");
        assertThat(new AgentHangType().durationRule()).isEqualTo(FaultType.DurationRule.REQUIRED);
    }

    @Test
    void describesHowLongTheAgentStaysFrozen() {
        assertThat(configure("{}").describe()).isEqualTo("frozen for 3s");
    }

    @Test
    void takesNoWithFields() {
        assertOneProblem(() -> configure("{signal: KILL}"), "signal", "unknown field; no fields are allowed here");
    }

    @Test
    void aDurationOfZeroIsRejected() {
        assertThatThrownBy(() -> new AgentHang(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must be greater than 0, but was PT0S");
    }

    @Test
    void loadsFromAScenarioWithADurationAndNoWith() throws IOException {
        Scenario scenario = load("""
                  - { name: freeze, type: agent-hang, target: "worker[1]", at: 2s, duration: 7s }
                """);

        assertThat(scenario.faults()).singleElement().satisfies(f -> {
            assertThat(f.duration()).isEqualTo(Duration.ofSeconds(7));
            assertThat(f.fault().describe()).isEqualTo("frozen for 7s");
        });
    }

    @Test
    void aScenarioWithoutADurationIsRejected() {
        assertThatThrownBy(() -> load("""
                  - { name: freeze, type: agent-hang, target: worker, at: 2s }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("faults[0].duration: is required for a fault of type agent-hang");
    }
}
