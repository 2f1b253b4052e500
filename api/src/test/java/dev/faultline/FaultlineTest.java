package dev.faultline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.yaml.InvalidScenarioException;

class FaultlineTest {

    @AfterEach
    void clearReportDir() {
        System.clearProperty(Faultline.REPORT_DIR_PROPERTY);
    }

    @Test
    void loadReadsAScenarioFileWithItsTopology() {
        Scenario scenario = Faultline.load(Path.of("../scenarios/worker-crash.yaml"));

        assertThat(scenario.name()).isEqualTo("worker-crash");
        assertThat(scenario.topology().services()).containsKeys("orchestrator", "worker");
    }

    @Test
    void loadRefusesAMissingFileBeforeAnythingStarts() {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
                () -> Faultline.run(Path.of("../scenarios/no-such-scenario.yaml")));

        assertThat(e.getMessage()).startsWith("../scenarios/no-such-scenario.yaml");
    }

    @Test
    void resultsGoUnderTargetFaultlineByDefault() {
        assertThat(Faultline.reportDir()).isEqualTo(Path.of("target/faultline"));
        assertThat(Faultline.options().reportDir()).isEqualTo(Path.of("target/faultline"));
    }

    @Test
    void theReportDirPropertyMovesTheResults() {
        System.setProperty(Faultline.REPORT_DIR_PROPERTY, "build/chaos");

        assertThat(Faultline.options().reportDir()).isEqualTo(Path.of("build/chaos"));
    }
}
