package dev.faultline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.SamplingMeasure;

/** The accuracy benchmark reads the bounds from result.json, and says so whenever it has to take them elsewhere. */
class ResultBoundsTest {
    private static final FaultMeasure IN_MEMORY = new FaultMeasure("under-test", "agent-hang", "agent", true, 1000,
            4000, 20L, 50L, true, 4050L, 3030L, Map.of(), null, 7L, 8L, 9L);

    @TempDir
    Path run;

    @Test
    void boundsComeFromTheFaultOfTheSameNameInResultJson() throws IOException {
        Files.writeString(run.resolve("result.json"), """
                {"faults": [
                  {"name": "other", "timeToDetectBoundMs": 1, "recoveryBoundMs": 1, "outageBoundMs": 1},
                  {"name": "under-test", "timeToDetectBoundMs": 12, "recoveryBoundMs": null, "outageBoundMs": 30}
                ]}
                """);

        RunFigures.Bounds bounds = ResultBounds.bounds(run, "under-test", IN_MEMORY);

        assertThat(bounds).isEqualTo(new RunFigures.Bounds(12L, null, 30L, "result.json"));
    }

    @Test
    void aResultJsonWithoutBoundsFallsBackToTheMeasurementsAndSaysSo() throws IOException {
        Files.writeString(run.resolve("result.json"), """
                {"faults": [{"name": "under-test", "timeToDetectMs": 20}]}
                """);

        RunFigures.Bounds bounds = ResultBounds.bounds(run, "under-test", IN_MEMORY);

        assertThat(bounds).isEqualTo(new RunFigures.Bounds(7L, 8L, 9L,
                "in-memory measurements (result.json has no faults[].*BoundMs)"));
    }

    @Test
    void aBoundThatIsNotAWholeNumberIsAnError() throws IOException {
        Files.writeString(run.resolve("result.json"), """
                {"faults": [{"name": "under-test", "timeToDetectBoundMs": 1.5, "recoveryBoundMs": 1,
                  "outageBoundMs": 1}]}
                """);

        assertThatThrownBy(() -> ResultBounds.bounds(run, "under-test", IN_MEMORY))
                .hasMessage("result.json: timeToDetectBoundMs expected a whole number of ms but was 1.5");
    }

    @Test
    void theProbeLoadComesFromSampling() throws IOException {
        Files.writeString(run.resolve("result.json"), """
                {"sampling": {"everyMs": 100, "probeSamples": 60, "extraProbes": 75, "extraProbesPerSecond": 12.5}}
                """);

        RunFigures.Sampling sampling = ResultBounds.sampling(run, new SamplingMeasure(0, 0, -1, 1, 2, 3.0));

        assertThat(sampling).isEqualTo(new RunFigures.Sampling(60, 75, 12.5, "result.json"));
    }
}
