package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Runner;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.yaml.ScenarioLoader;

/** A steady state that never holds aborts the run before any fault, and everything is still removed. */
class SteadyStateIT {
    @TempDir
    Path tmp;

    @Test
    void aSteadyStateThatNeverHoldsAbortsBeforeAnyFault() throws Exception {
        ShippedScenariosIT.copySupportDesk(tmp);
        Path scenario = tmp.resolve("never-steady.yaml");
        Files.writeString(scenario, Files.readString(ShippedScenariosIT.ROOT.resolve("scenarios/worker-crash.yaml"))
                .replace("scenario: worker-crash", "scenario: worker-crash-never-steady")
                .replace("path: /ready", "path: /no-such-endpoint"));
        RunOptions options = new RunOptions(tmp.resolve("out"), OptionalLong.empty(), null, null, Duration.ofSeconds(5));

        RunResult result = new Runner().run(ScenarioLoader.standard().load(scenario), options);

        assertThat(result.verdict()).isEqualTo(Verdict.ABORTED);
        assertThat(result.reason()).startsWith("steady state never held").contains("probe:api-ready");
        assertThat(result.record().timeline().events(TimelineEvent.FaultChange.class, f -> true)).isEmpty();
        assertThat(result.record().ledger().stream().toList()).isEmpty();
        assertThat(Docker.faultlineContainers()).isEmpty();
    }
}
