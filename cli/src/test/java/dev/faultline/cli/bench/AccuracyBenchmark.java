package dev.faultline.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.Units;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Runner;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Accuracy of the harness's measured figures (time to detect, recovery time, outage) against ground truth from
 * sources the harness does not sample: the Docker daemon's event times, the agent's own log, and the agent's own
 * answers to the benchmark's requests ({@link AgentWitness}). Cases: the agent frozen for known times
 * ({@code agent-hang}), and killed with known restart delays. Checks the bound the harness reports beside each figure
 * (read from the run's {@code result.json}): whether the truth lies inside the figure plus or minus its bound.
 * Prints a line per run and a table; {@code --json FILE} writes every run's figures.
 *
 * <p>Not a test (no JUnit, not named like one): run it with {@code cli/bench/accuracy/run.sh}; see the README
 * beside it.
 */
public final class AccuracyBenchmark {
    private static final String USAGE = """
            usage: cli/bench/accuracy/run.sh [options]
              --runs N                runs per case (default 8: 5 cases x 8 = 40 runs)
              --json FILE             also write every run's figures and the summary as JSON
              --work-dir DIR          where scenarios and run results go (default: a new temp dir)
              --freezes LIST          freeze lengths (default 1s,3s,7s)
              --restart-delays LIST   restart delays after a KILL (default 1s,2s)
              --sample-every D        the scenarios' sample-every (default 100ms)
              --within D              the probe's within (default 200ms)
              --sharpen D             the scenarios' steady-state.sharpen (default: the format's)
              --target-ms N           the largest acceptable |error| (default 100)
              --bound-target-ms N     the largest acceptable bound at sample-every 100ms (default 15)
            """;

    /** How many passing probe samples before the injection give the agent's normal answer time. */
    private static final int NORMAL_SAMPLES = 5;

    /** How long to wait, after a run, for a witness answer still on its way (it normally came long before). */
    private static final Duration WITNESS_WAIT = Duration.ofSeconds(5);

    private final Options options;
    private final PrintStream out;
    private final RunOptions.Cancellation cancellation = new RunOptions.Cancellation();
    private final Runner runner = new Runner();

    private AccuracyBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        BenchCli.main("accuracy", USAGE, args, Options::parse, o -> new AccuracyBenchmark(o, System.out).run());
    }

    private int run() throws IOException {
        if (!BenchCli.dockerAnswers("accuracy")) {
            return 4;
        }
        Path work = options.workDir != null ? Files.createDirectories(options.workDir)
                : Files.createTempDirectory("faultline-accuracy-");
        Map<AccuracyCase, Scenario> scenarios = new LinkedHashMap<>();
        try {
            for (AccuracyCase c : options.cases()) {
                Path file = Files.createDirectories(work.resolve("scenarios")).resolve(c.scenarioName() + ".yaml");
                Files.writeString(file, c.scenarioYaml(options.settings()));
                scenarios.put(c, ScenarioLoader.standard().load(file));
            }
        } catch (InvalidScenarioException e) {
            System.err.println("accuracy: a generated scenario did not validate (a bug of the benchmark):\n"
                    + e.getMessage());
            return 2;
        }
        out.printf("Faultline accuracy benchmark: %d case(s) x %d run(s), sample-every %s, sharpen %s, probe within %s;"
                + " results in %s%n", scenarios.size(), options.runs, Durations.text(options.sampleEvery),
                options.sharpenText(), Durations.text(options.within), work);

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancellation.cancel("the benchmark was interrupted");
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "accuracy-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<RunFigures> runs = new ArrayList<>();
        try (DaemonEvents events = DaemonEvents.subscribe()) {
            for (Map.Entry<AccuracyCase, Scenario> e : scenarios.entrySet()) {
                for (int i = 1; i <= options.runs && !cancellation.cancelled(); i++) {
                    RunFigures figures = runOnce(e.getKey(), e.getValue(), i, work, events);
                    runs.add(figures);
                    out.println(AccuracyReport.line(figures, options.runs));
                }
            }
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running; it returns once 'finished' is down
        }

        AccuracyReport report = new AccuracyReport(options.cases(), runs, options.targetMs, options.boundTargetMs,
                options.sampleEvery);
        out.println();
        report.print(out);
        if (options.json != null) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("runsPerCase", options.runs);
            settings.put("sampleEvery", Durations.text(options.sampleEvery));
            settings.put("within", Durations.text(options.within));
            settings.put("sharpen", options.sharpenText());
            if (AccuracyCase.AGENT_JAVA_OPTIONS != null) {
                settings.put("agentJavaOptions", AccuracyCase.AGENT_JAVA_OPTIONS);
            }
            settings.put("targetMs", options.targetMs);
            settings.put("boundTargetMs", options.boundTargetMs);
            settings.put("workDir", work.toString());
            report.writeJson(options.json, settings);
            out.println("JSON: " + options.json);
        }
        return runs.stream().allMatch(RunFigures::usable) && !cancellation.cancelled() ? 0 : 3;
    }

    private RunFigures runOnce(AccuracyCase c, Scenario scenario, int run, Path work, DaemonEvents events) {
        Path reportDir = work.resolve("runs").resolve(c.name()).resolve("run-" + run);
        AgentWitness witness = new AgentWitness(AccuracyCase.FAULT, AccuracyCase.AGENT, AccuracyCase.PORT,
                AccuracyCase.HEALTH, c.kind() == AccuracyCase.Kind.FREEZE ? c.length() : null);
        RunOptions runOptions = RunOptions.to(reportDir).withCancellation(cancellation).withObserver(witness);
        RunResult result = runner.run(scenario, runOptions);
        double clockDrift = clockDrift(result);

        String runId = result.record().runId();
        Path runDir = result.reportDir();
        String shownDir = runDir.toString();
        String verdict = result.verdict().name();
        FaultMeasure m = result.measurements().faults().get(0);
        RunFigures.Measured measured = new RunFigures.Measured(m.injectedAt(), m.revertedAt(), m.timeToDetectMs(),
                m.recoveryMs(), m.outageMs());
        RunFigures.Bounds bounds;
        RunFigures.Sampling sampling;
        try {
            bounds = ResultBounds.bounds(runDir, AccuracyCase.FAULT, m);
            sampling = ResultBounds.sampling(runDir, result.measurements().sampling());
        } catch (IllegalStateException e) {
            return RunFigures.failed(c.name(), run, runId, shownDir, verdict, e.getMessage(), measured, null, null);
        }
        if (result.verdict() == Verdict.ERROR || result.verdict() == Verdict.ABORTED) {
            return RunFigures.failed(c.name(), run, runId, shownDir, verdict, verdict + ": " + result.reason(), measured,
                    bounds, sampling);
        }
        if (!m.injected()) {
            return RunFigures.failed(c.name(), run, runId, shownDir, verdict, "the fault was never injected", measured,
                    bounds, sampling);
        }
        long answerMs = answerMs(result, m.injectedAt());
        List<DaemonEvents.Change> changes = events.of(runId, AccuracyCase.AGENT);
        AccuracyCase.Evidence evidence = new AccuracyCase.Evidence(result.record().startedAt(), changes,
                runDir.resolve("logs").resolve(AccuracyCase.AGENT + ".log"), witness.onset(WITNESS_WAIT),
                witness.thaw(WITNESS_WAIT),
                witness.fresh(WITNESS_WAIT), witness.restart(WITNESS_WAIT),
                witness.restartFresh(WITNESS_WAIT), witness.newRequests(WITNESS_WAIT));
        AccuracyCase.Truth truth;
        try {
            truth = c.truth(evidence, m.injectedAt(), m.revertedAt(), answerMs);
        } catch (AccuracyCase.MissingEvidence e) {
            return RunFigures.failed(c.name(), run, runId, shownDir, verdict, e.getMessage(), measured, bounds,
                    sampling);
        }
        boolean freeze = c.kind() == AccuracyCase.Kind.FREEZE;
        double[] lag = eventLag(result, changes, evidence);
        TimelineEvent.Sample firstPass = firstPassAfterFailure(result, m.injectedAt());
        Double killToDie = freeze ? null : evidence.first("kill", Long.MIN_VALUE)
                .map(k -> truth.daemonEnd() - evidence.toTimeline(k.epochNanos())).orElse(null);
        RunFigures.Offsets offsets = new RunFigures.Offsets(
                freeze ? m.revertedAt() - truth.daemonEnd() : null,
                killToDie,
                firstPass == null ? null : firstPass.t(),
                firstPass == null ? null : firstPass.latencyMs(),
                firstPass == null ? null : firstPass.extra(),
                answerMs,
                lag == null ? null : lag[0], lag == null ? null : lag[1], clockDrift);
        return new RunFigures(c.name(), run, runId, shownDir, verdict, null, measured, bounds, sampling, truth,
                offsets);
    }

    /**
     * The agent's normal answer time before the fault, ms: the largest latency of the probe's last
     * {@value #NORMAL_SAMPLES} passing samples before the injection, plus 1 ms for the whole-ms clock (so at least 1).
     * How long before a witness's answer the agent may have served it.
     */
    private static long answerMs(RunResult result, long injectedAt) {
        List<TimelineEvent.Sample> passing = result.record().timeline().samples(Lane.probe(AccuracyCase.PROBE))
                .stream().filter(s -> s.ok() && s.t() + s.latencyMs() < injectedAt).toList();
        return passing.subList(Math.max(0, passing.size() - NORMAL_SAMPLES), passing.size()).stream()
                .mapToLong(s -> Math.max(0, s.latencyMs())).max().orElse(0) + 1;
    }

    /** The first passing probe sample after the first failing one at or after the injection: the outage's end. */
    private static TimelineEvent.Sample firstPassAfterFailure(RunResult result, long injectedAt) {
        boolean failed = false;
        for (TimelineEvent.Sample s : result.record().timeline().samples(Lane.probe(AccuracyCase.PROBE))) {
            if (s.t() < injectedAt) {
                continue;
            }
            if (!s.ok()) {
                failed = true;
            } else if (failed) {
                return s;
            }
        }
        return null;
    }

    /**
     * How far the wall clock moved against the monotonic clock from the timeline's origin to now, ms: the origin's
     * epoch time as seen now, minus {@code startedAt}.
     */
    private static double clockDrift(RunResult result) {
        long monotonic = System.nanoTime();
        Instant wall = Instant.now();
        long originEpochNanos = AccuracyCase.nanos(wall) - (monotonic - result.record().timeline().originNanos());
        return (originEpochNanos - AccuracyCase.nanos(result.record().startedAt())) / 1e6;
    }

    /**
     * For the pause, unpause and die events: the harness's receipt time (its timeline record) minus the daemon's
     * time converted to the timeline, paired by order; {min, max}, or null when there is nothing to pair. A check of
     * the clock conversion: a lag below about -1 ms (the timeline's rounding) would mean it is off.
     */
    private static double[] eventLag(RunResult result, List<DaemonEvents.Change> changes,
                                     AccuracyCase.Evidence evidence) {
        Map<String, ServiceState> recorded = Map.of("pause", ServiceState.PAUSED, "unpause", ServiceState.UNPAUSED,
                "die", ServiceState.DIED);
        // (the harness records no kill events: the supervisor ignores them)
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, ServiceState> kind : recorded.entrySet()) {
            List<DaemonEvents.Change> daemon = changes.stream().filter(c -> c.action().equals(kind.getKey())).toList();
            List<TimelineEvent.ServiceChange> harness = result.record().timeline().events(
                    TimelineEvent.ServiceChange.class,
                    s -> s.instance().equals(AccuracyCase.AGENT) && s.change() == kind.getValue());
            for (int i = 0; i < Math.min(daemon.size(), harness.size()); i++) {
                double lag = harness.get(i).t() - evidence.toTimeline(daemon.get(i).epochNanos());
                min = Math.min(min, lag);
                max = Math.max(max, lag);
            }
        }
        return min == Double.POSITIVE_INFINITY ? null : new double[] {min, max};
    }

    /** The command line. */
    private static final class Options {
        int runs = 8;
        Path json;
        Path workDir;
        List<Duration> freezes = List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7));
        List<Duration> restartDelays = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
        Duration sampleEvery = Duration.ofMillis(100);
        Duration within = Duration.ofMillis(200);
        /** {@code steady-state.sharpen} of the generated scenarios; null leaves the format's default. */
        Duration sharpen;
        long targetMs = 100;
        long boundTargetMs = 15;

        /** The options, or null when help was asked for; bad options throw with what was wrong. */
        static Options parse(String[] args) {
            Options o = new Options();
            boolean run = BenchCli.options(args, (arg, value) -> {
                switch (arg) {
                    case "--runs" -> o.runs = BenchCli.wholeNumber(arg, value, 1);
                    case "--json" -> o.json = Path.of(value);
                    case "--work-dir" -> o.workDir = Path.of(value);
                    case "--freezes" -> o.freezes = durations(arg, value);
                    case "--restart-delays" -> o.restartDelays = durations(arg, value);
                    case "--sample-every" -> o.sampleEvery = duration(arg, value);
                    case "--within" -> o.within = duration(arg, value);
                    case "--sharpen" -> o.sharpen = duration(arg, value);
                    case "--target-ms" -> o.targetMs = BenchCli.wholeNumber(arg, value, 1);
                    case "--bound-target-ms" -> o.boundTargetMs = BenchCli.wholeNumber(arg, value, 0);
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            });
            if (!run) {
                return null;
            }
            if (o.freezes.isEmpty() && o.restartDelays.isEmpty()) {
                throw new IllegalArgumentException("no cases: give --freezes or --restart-delays a value");
            }
            return o;
        }

        List<AccuracyCase> cases() {
            List<AccuracyCase> cases = new ArrayList<>();
            freezes.forEach(d -> cases.add(AccuracyCase.freeze(d)));
            restartDelays.forEach(d -> cases.add(AccuracyCase.restart(d)));
            return cases;
        }

        /** The sharpening the scenarios get, as given ({@code 2ms}), or {@code default} when left to the format. */
        String sharpenText() {
            return sharpen == null ? "default" : Durations.text(sharpen);
        }

        AccuracyCase.Settings settings() {
            return new AccuracyCase.Settings(sampleEvery, sharpen, within, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        private static Duration duration(String option, String value) {
            Duration d;
            try {
                d = Units.duration(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage());
            }
            if (d.isZero() || d.toNanos() % 1_000_000 != 0) {
                throw new IllegalArgumentException(option + ": expected a whole number of milliseconds above 0 but was '"
                        + value + "'");
            }
            return d;
        }

        private static List<Duration> durations(String option, String value) {
            List<Duration> out = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(duration(option, part.trim()));
                }
            }
            return out;
        }
    }
}
