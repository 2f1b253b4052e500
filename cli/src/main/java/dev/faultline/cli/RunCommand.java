package dev.faultline.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Failures;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Runner;
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
        RunOptions.Cancellation cancellation = new RunOptions.Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Interrupts.onInterrupt(out, cancellation);
        // any other way out of the JVM (SIGHUP, System.exit elsewhere) still reverts and removes
        Thread hook = new Thread(() -> {
            if (!cancellation.cancelled()) {
                cancellation.cancel("the JVM is shutting down");
            }
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "faultline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<RunResult> results = new ArrayList<>();
        boolean harnessFailed = false;
        try {
            Runner runner = new Runner();
            for (Scenario scenario : scenarios) {
                if (cancellation.cancelled()) {
                    break;
                }
                out.printf("%n== %s: %s%n", scenario.name(), scenario.description());
                Progress progress = new Progress(out, scenario);
                RunOptions options = RunOptions.to(reportDir).withObserver(progress).withCancellation(cancellation);
                if (seed != null) {
                    options = options.withSeed(seed);
                }
                RunResult result;
                try {
                    result = runner.run(scenario, options);
                } catch (RuntimeException e) { // the runner's own defect: this scenario has no result
                    progress.close();
                    System.err.printf("faultline run: %s: harness error: %s%n", scenario.name(), Failures.oneLine(e));
                    harnessFailed = true;
                    continue;
                }
                progress.close();
                results.add(result);
                Path saved = result.reportDir().resolve("result.json");
                out.printf("== %s: %s (%s)%n   results: %s%n", scenario.name(), result.verdict(), result.reason(),
                        Files.isRegularFile(saved) ? saved : "not saved");
                if (result.verdict() == Verdict.ERROR) {
                    System.err.printf("faultline run: %s: harness error: %s%n", scenario.name(),
                            result.reason().replaceAll("\\p{Cntrl}", "?"));
                }
            }
            out.println();
            out.print(Summary.table(results));
            SuiteReports.write(results, reportDir, out);
        } finally {
            finished.countDown();
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        Verdict worst = harnessFailed ? Verdict.ERROR : Verdict.PASSED;
        for (RunResult r : results) {
            worst = worst.worst(r.verdict());
        }
        if (cancellation.cancelled() && worst == Verdict.PASSED) {
            worst = Verdict.ABORTED;
        }
        return worst.exitCode();
    }
}
