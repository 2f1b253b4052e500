package dev.faultline.junit;

/**
 * The shipped worker-crash scenario as a {@link FaultlineScenarios} class, run by this module's own build: proof that
 * Surefire finds the {@code faultline} engine beside Jupiter. Nothing starts: this module's
 * {@code junit-platform.properties} puts a stand-in runner ({@link StandInRun}) in place of the real one.
 */
@FaultlineScenarios("../scenarios/worker-crash.yaml")
class WorkerCrashScenarioTest {
}
