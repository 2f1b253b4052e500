package dev.faultline.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.MediaType;

import dev.faultline.Faultline;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;

/**
 * What a {@link FaultlineTest} method receives: runs scenarios for the test, publishes each run's files to it, and
 * keeps the results, which are judged against the test's expected verdict when it ends. Thread-safe.
 */
public final class ScenarioRunner {
    /** Report entry key: a file that could not be published, and why. */
    static final String UNPUBLISHED = "faultline.unpublished";

    private final ExtensionContext context;
    private final ScenarioRuns runs;
    private final List<RunResult> results = new CopyOnWriteArrayList<>();

    ScenarioRunner(ExtensionContext context, ScenarioRuns runs) {
        this.context = context;
        this.runs = runs;
    }

    /**
     * Runs {@code scenario} to the end (results under {@code target/faultline/<scenario>/}), publishes its
     * {@code result.json} and {@code report.html} to the test, and returns the result.
     */
    public RunResult run(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        RunResult result = runs.run(scenario);
        results.add(result);
        publish(result);
        return result;
    }

    /**
     * Loads, checks and runs the scenario in {@code scenarioFile}, as {@link #run(Scenario)}.
     *
     * @throws dev.faultline.engine.yaml.InvalidScenarioException when the file does not validate; nothing starts
     */
    public RunResult run(Path scenarioFile) {
        return run(Faultline.load(scenarioFile));
    }

    /** Every result so far, in the order the runs ended. */
    public List<RunResult> results() {
        return List.copyOf(results);
    }

    private void publish(RunResult result) {
        Path dir = result.reportDir().toAbsolutePath().normalize();
        long earlier = results.stream().filter(r -> r.scenario().equals(result.scenario())).count();
        String prefix = earlier <= 1 ? result.scenario() : result.scenario() + "-" + earlier;
        publishFile(dir.resolve("result.json"), prefix + "-result.json", MediaType.APPLICATION_JSON);
        publishFile(dir.resolve("report.html"), prefix + "-report.html", MediaType.create("text", "html"));
        context.publishReportEntry(FaultlineTestEngine.RESULTS_ENTRY, dir.toString());
    }

    /**
     * Copies {@code file} into the test's output folder. A launcher that writes no outputs refuses: the test goes on
     * (the results folder is still published) and a report entry {@value #UNPUBLISHED} says why.
     */
    private void publishFile(Path file, String name, MediaType mediaType) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            context.publishFile(name, mediaType, target -> copy(file, target));
        } catch (RuntimeException e) { // JUnitException: "Writing outputs is disabled", an unwritable folder, ...
            context.publishReportEntry(UNPUBLISHED, name + ": " + e.getMessage());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
