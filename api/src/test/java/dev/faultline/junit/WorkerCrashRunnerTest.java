package dev.faultline.junit;

import static dev.faultline.assertions.api.FaultlineAssertions.assertThat;

import java.nio.file.Path;

/**
 * The shipped worker-crash scenario run from a {@link FaultlineTest} method by this module's own build: proof that
 * the annotation works under Surefire. Nothing starts: this module's {@code junit-platform.properties} puts a
 * stand-in runner ({@link StandInRun}) in place of the real one.
 */
class WorkerCrashRunnerTest {
    @FaultlineTest
    void aCrashedWorkerLosesNothing(ScenarioRunner faultline) {
        assertThat(faultline.run(Path.of("../scenarios/worker-crash.yaml"))).passed().assertAll();
    }
}
