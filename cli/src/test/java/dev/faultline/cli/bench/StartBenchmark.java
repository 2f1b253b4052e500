package dev.faultline.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Runner;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * How long Faultline takes to start a topology, against the same topology started by hand with Testcontainers
 * ({@link HandWrittenStart}), measured side by side in one JVM, the two kinds of run interleaved.
 *
 * <p>What is timed, on both sides, is "every container started and its wait strategy passed":
 * <ul>
 *   <li>Faultline: from calling {@link Runner#run} on a scenario of the support-desk topology to the moment its
 *       {@code steady-state} phase begins (the runner has reaped leftovers, started the topology and its sampler;
 *       no probe has been judged yet). The run is then cancelled and cleans up, untimed.</li>
 *   <li>Hand-written: from creating the network to the end of the last level's {@code Startables.deepStart}.
 *       Removing the containers is untimed.</li>
 * </ul>
 * Prints every run, then min/median/max of each side and the ratio of the medians.
 *
 * <p>Not a test (no JUnit, not named like one): run it with {@code cli/bench/start/run.sh}; see the README beside it.
 */
public final class StartBenchmark {
    private static final String USAGE = """
            usage: cli/bench/start/run.sh [options]
              --runs N          timed runs of each side, interleaved (default 5)
              --warmups N       untimed runs of each side first (default 1)
              --scenario FILE   a scenario of the support-desk topology (default scenarios/worker-crash.yaml)
              --work-dir DIR    where Faultline's runs write their results (default: a new temp dir)
              --target R        the largest acceptable ratio of the medians (default 1.05)
            """;

    private final Options options;
    private final PrintStream out;
    private final Runner runner = new Runner();

    private StartBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        BenchCli.main("start-bench", USAGE, args, Options::parse, o -> new StartBenchmark(o, System.out).run());
    }

    private int run() throws IOException {
        if (!BenchCli.dockerAnswers("start-bench")) {
            return 4;
        }
        Scenario scenario;
        try {
            scenario = ScenarioLoader.standard().load(options.scenario);
        } catch (InvalidScenarioException e) {
            System.err.println("start-bench: " + e.getMessage());
            return 2;
        }
        int leftovers = HandWrittenStart.removeLeftovers();
        if (leftovers > 0) {
            out.println("removed " + leftovers + " container(s) left by an interrupted benchmark");
        }
        Path work = options.workDir != null ? Files.createDirectories(options.workDir)
                : Files.createTempDirectory("faultline-start-bench-");
        out.printf("Faultline start benchmark: topology %s (%s), %d warm-up(s) and %d timed run(s) of each side,"
                + " interleaved; Faultline's runs in %s%n", scenario.topology().name(), options.scenario,
                options.warmups, options.runs, work);

        List<Long> faultline = new ArrayList<>();
        List<Long> handWritten = new ArrayList<>();
        int total = options.warmups + options.runs;
        for (int i = 0; i < total; i++) {
            boolean warmUp = i < options.warmups;
            String label = warmUp ? "warm-up " + (i + 1) : "run " + (i + 1 - options.warmups);
            // Each pair swaps which side goes first, so neither always follows the other's clean-up.
            boolean faultlineFirst = i % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean isFaultline = (side == 0) == faultlineFirst;
                long ms;
                String detail;
                try {
                    if (isFaultline) {
                        ms = faultlineStart(scenario, work.resolve("run-" + (i + 1)));
                        detail = "(its timeline: " + work.resolve("run-" + (i + 1)) + ")";
                    } else {
                        HandWrittenStart start = new HandWrittenStart();
                        ms = handWrittenStart(start);
                        detail = "(" + start.stages() + ")";
                    }
                } catch (RuntimeException | IOException e) {
                    out.printf("%-10s %-13s failed: %s%n", label, isFaultline ? "faultline" : "hand-written", e);
                    return 3;
                }
                out.printf("%-10s %-13s %6d ms  %s%n", label, isFaultline ? "faultline" : "hand-written", ms, detail);
                if (!warmUp) {
                    (isFaultline ? faultline : handWritten).add(ms);
                }
            }
        }
        Summary f = Summary.of(faultline);
        Summary h = Summary.of(handWritten);
        double ratio = (double) f.median() / h.median();
        out.println();
        out.printf("%-13s %7s %7s %7s%n", "ms", "min", "median", "max");
        out.printf("%-13s %7d %7d %7d%n", "faultline", f.min(), f.median(), f.max());
        out.printf("%-13s %7d %7d %7d%n", "hand-written", h.min(), h.median(), h.max());
        out.printf(Locale.ROOT, "ratio of the medians (faultline / hand-written): %.3f, target <= %.2f: %s%n", ratio,
                options.target, ratio <= options.target ? "met" : "NOT met");
        return 0;
    }

    /** Milliseconds from {@link Runner#run} to the start of the steady-state phase. */
    private long faultlineStart(Scenario scenario, Path reportDir) {
        RunOptions.Cancellation cancellation = new RunOptions.Cancellation();
        AtomicLong steadyStateAt = new AtomicLong(-1);
        RunOptions runOptions = RunOptions.to(reportDir).withCancellation(cancellation).withObserver(event -> {
            if (event instanceof TimelineEvent.Phase phase && phase.phase() == RunPhase.STEADY_STATE) {
                steadyStateAt.set(System.nanoTime());
                cancellation.cancel("the start benchmark measured what it needed");
            }
        });
        long started = System.nanoTime();
        RunResult result = runner.run(scenario, runOptions);
        if (steadyStateAt.get() < 0) {
            throw new IllegalStateException("the run never reached its steady-state phase: " + result.verdict() + ": "
                    + result.reason());
        }
        return (steadyStateAt.get() - started) / 1_000_000;
    }

    /** Milliseconds from creating the network to the end of the last level's start. */
    private static long handWrittenStart(HandWrittenStart start) throws IOException {
        try {
            long started = System.nanoTime();
            start.start();
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            start.close();
        }
    }

    record Summary(long min, long median, long max) {
        static Summary of(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Summary(sorted.get(0), median, sorted.get(n - 1));
        }
    }

    private static final class Options {
        int runs = 5;
        int warmups = 1;
        Path scenario = Path.of("scenarios/worker-crash.yaml");
        Path workDir;
        double target = 1.05;

        /** The options, or null when help was asked for; bad options throw with what was wrong. */
        static Options parse(String[] args) {
            Options o = new Options();
            boolean run = BenchCli.options(args, (arg, value) -> {
                switch (arg) {
                    case "--runs" -> o.runs = BenchCli.wholeNumber(arg, value, 1);
                    case "--warmups" -> o.warmups = BenchCli.wholeNumber(arg, value, 0);
                    case "--scenario" -> o.scenario = Path.of(value);
                    case "--work-dir" -> o.workDir = Path.of(value);
                    case "--target" -> o.target = ratio(arg, value);
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            });
            return run ? o : null;
        }

        private static double ratio(String option, String value) {
            try {
                double r = Double.parseDouble(value);
                if (r > 0) {
                    return r;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + ": expected a number above 0 but was '" + value + "'");
        }
    }
}
