package dev.faultline;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiFunction;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Runner;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.reports.allure.AllureResults;

/**
 * The Java API: load or build a scenario, run it (to the end, or in the background while the test watches), then
 * judge the result with {@code dev.faultline.assertions.api.FaultlineAssertions}.
 *
 * <pre>{@code
 * RunResult result = Faultline.run(Path.of("scenarios/worker-crash.yaml"));
 * assertThat(result).recoveredWithin(ofSeconds(15)).lostNothing().containedTo("worker").assertAll();
 * }</pre>
 *
 * Results go to {@code target/faultline/<scenario>/} unless the system property {@value #REPORT_DIR_PROPERTY}
 * names another folder. A run starts containers and needs a Docker engine; loading and building do not.
 * <p>
 * Inside a JUnit 5 test that Allure tracks (allure-junit5 on the test classpath), a run adds its steps (phases,
 * faults, objective checks), attachments (the timeline chart, {@code result.json}, the logs of degraded services)
 * and labels (fault types, scenario, verdict) to that test; elsewhere it adds nothing.
 */
public final class Faultline {
    /** System property naming the folder results are written under (default {@code target/faultline}). */
    public static final String REPORT_DIR_PROPERTY = "faultline.reportDir";

    private Faultline() {
    }

    /**
     * The scenario in {@code scenarioFile}, with its topology, checked.
     *
     * @throws InvalidScenarioException naming file, line, field, what was expected and what was found
     */
    public static Scenario load(Path scenarioFile) {
        Objects.requireNonNull(scenarioFile, "scenarioFile");
        return ScenarioLoader.standard().load(scenarioFile);
    }

    /** A builder for a scenario written in Java, checked as the same scenario in YAML would be. */
    public static ScenarioBuilder scenario(String name) {
        return new ScenarioBuilder(name);
    }

    /**
     * Loads and runs the scenario in {@code scenarioFile}, and returns when the run has ended and every container
     * is gone.
     *
     * @throws InvalidScenarioException when the file does not validate; nothing is started then
     */
    public static RunResult run(Path scenarioFile) {
        return run(load(scenarioFile));
    }

    /** Runs {@code scenario} with results under {@link #reportDir()}, to the end. */
    public static RunResult run(Scenario scenario) {
        return run(scenario, options());
    }

    /** Runs {@code scenario} as {@code options} say, to the end. */
    public static RunResult run(Scenario scenario, RunOptions options) {
        return run(scenario, options, new Runner()::run);
    }

    /** Runs {@code scenario} with {@code runner}, then describes the run to the Allure test it ran in, if any. */
    static RunResult run(Scenario scenario, RunOptions options, BiFunction<Scenario, RunOptions, RunResult> runner) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(options, "options");
        return describedToAllure(runner).apply(scenario, options);
    }

    /**
     * Starts {@code scenario} on a background thread, with results under {@link #reportDir()}, and returns at once:
     * the handle waits for phases and fault changes on the live timeline, for the result, or cancels the run.
     */
    public static RunningScenario start(Scenario scenario) {
        return start(scenario, options());
    }

    /** As {@link #start(Scenario)}, as {@code options} say (their observer still sees every event). */
    public static RunningScenario start(Scenario scenario, RunOptions options) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(options, "options");
        return RunningScenario.start(scenario, options, describedToAllure(new Runner()::run));
    }

    /**
     * {@code runner}, then the run's saved folder added to the Allure test running on this thread (or the thread
     * that started it): nothing when none is, and never a failure of the run.
     */
    private static BiFunction<Scenario, RunOptions, RunResult> describedToAllure(
            BiFunction<Scenario, RunOptions, RunResult> runner) {
        return (scenario, options) -> {
            RunResult result = runner.apply(scenario, options);
            AllureResults.describeCurrentTest(result.reportDir());
            return result;
        };
    }

    /** Run options with results under {@link #reportDir()}, to refine with {@code withSeed}, {@code withObserver}. */
    public static RunOptions options() {
        return RunOptions.to(reportDir());
    }

    /** {@code target/faultline}, or the folder the system property {@value #REPORT_DIR_PROPERTY} names. */
    public static Path reportDir() {
        return Path.of(System.getProperty(REPORT_DIR_PROPERTY, "target/faultline"));
    }
}
