package dev.faultline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * {@code faultline run <scenario.yaml|dir>... [--report-dir DIR] [--seed N]}: every scenario is validated before
 * anything starts; then each runs in turn with live progress, and a summary table ends the run. Exit code: the
 * worst verdict's (docs/scenario-format.md), 2 for invalid input, 4 when the harness itself failed (a one-line
 * reason on stderr; the other scenarios still run).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
        description = "Run scenarios (files or directories of them) against their topologies.")
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<scenario.yaml|dir>")
    List<Path> paths;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "faultline-results",
            description = "Where results go: DIR/<scenario>/result.json, timeline.jsonl, logs/ (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--seed", paramLabel = "N", description = "Overrides every scenario's seed.")
    Long seed;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioLoader.standard().loadAll(paths);
        } catch (InvalidScenarioException e) {
            System.err.println(e.getMessage());
            System.err.println("nothing was started.");
            return Verdict.INVALID_INPUT_EXIT;
        }
        ScenarioSequence.Outcome outcome = ScenarioSequence.run(scenarios, reportDir, seed, out, "faultline run",
                (scenario, result) -> null, ended -> {
                    out.println();
                    out.print(Summary.table(ended.results()));
                    SuiteReports.write(ended.results(), reportDir, out);
                });
        return outcome.worst().exitCode();
    }
}
