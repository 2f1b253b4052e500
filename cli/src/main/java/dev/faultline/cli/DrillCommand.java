package dev.faultline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.faultline.cli.drill.DrillRun;
import dev.faultline.cli.drill.DrillPlan;
import dev.faultline.cli.drill.DryRun;
import dev.faultline.cli.drill.Scheduler;
import dev.faultline.engine.drill.Drill;
import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.reports.history.History;
import dev.faultline.reports.history.HistoryException;

/**
 * {@code faultline drill plan|run|schedule}: game-day drills (docs/scenario-format.md, "Drills"). Every drill file
 * and every scenario it names is checked before anything starts (exit 2, nothing started). A drill's verdict gives
 * the exit code as a run's does; the history's failure is the harness's (exit 4).
 */
@Command(name = "drill", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
        description = "Game-day drills: plan one, run one now, or schedule several.",
        subcommands = {DrillCommand.Plan.class, DrillCommand.Run.class, DrillCommand.Schedule.class})
final class DrillCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a drill command is required: plan, run or schedule");
    }

    /** The options every drill command takes. */
    static final class Common {
        @Option(names = "--history", paramLabel = "LOCATION",
                description = "The history database: a file path (an embedded H2 database) or a JDBC URL "
                        + "(jdbc:postgresql://...). Default: $FAULTLINE_HISTORY, else .faultline/history.")
        String history;

        @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "faultline-results",
                description = "Where drills' results go: DIR/<drill>/<start time>/ (default: ${DEFAULT-VALUE}).")
        Path reportDir;

        String historyLocation() {
            return history != null ? history : History.defaultLocation();
        }

        /** Why the history's location is unusable (told on stderr), or null: checked before anything starts. */
        boolean historyRefused(String command) {
            String problem = History.problem(historyLocation());
            if (problem != null) {
                System.err.println("faultline drill " + command + ": " + problem);
            }
            return problem != null;
        }
    }

    /** Loads a drill with its scenarios; problems to stderr, null then. */
    static DrillSuite load(Path file) {
        try {
            return ScenarioLoader.standard().loadDrill(file);
        } catch (InvalidScenarioException e) {
            System.err.println(e.getMessage());
            System.err.println("nothing was started.");
            return null;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
            description = "Check a drill, show its next run times and the timeline of every action, and check each "
                    + "scenario's steady state on a started topology (nothing injected).")
    static final class Plan implements Callable<Integer> {
        @Parameters(paramLabel = "<drill.yaml>")
        Path file;

        @Option(names = "--times", paramLabel = "N", defaultValue = "5",
                description = "How many next run times to show, 1 to 100 (default: ${DEFAULT-VALUE}).")
        int times;

        @Option(names = "--no-steady-state-check", description = "Do not start the topologies.")
        boolean noCheck;

        @Mixin
        Common common;

        @Override
        public Integer call() throws HistoryException {
            if (times < 1 || times > 100) {
                System.err.println("faultline drill plan: --times: expected 1 to 100 but was " + times);
                return Verdict.INVALID_INPUT_EXIT;
            }
            DrillSuite suite = load(file);
            if (suite == null || common.historyRefused("plan")) {
                return Verdict.INVALID_INPUT_EXIT;
            }
            PrintStream out = System.out;
            Instant now = Instant.now();
            Instant last = null;
            try (History history = History.open(common.historyLocation())) {
                last = history.lastStarted(suite.drill().name()).orElse(null);
            }
            out.print(DrillPlan.text(suite, now, last, times));
            if (noCheck) {
                return 0;
            }
            Path folder = common.reportDir.resolve(suite.drill().name())
                    .resolve("plan-" + now.truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-'));
            return DryRun.check(suite, folder, out).exitCode();
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
            description = "Run a drill now: its scenarios in order, recorded in the history, judged against its "
                    + "regression bounds.")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "<drill.yaml>")
        Path file;

        @Mixin
        Common common;

        @Override
        public Integer call() throws HistoryException {
            DrillSuite suite = load(file);
            if (suite == null || common.historyRefused("run")) {
                return Verdict.INVALID_INPUT_EXIT;
            }
            DrillRun.Outcome outcome = new DrillRun(suite, common.reportDir, common.historyLocation(),
                    Clock.systemUTC(), System.out).run(null);
            return outcome.verdict().exitCode();
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
            description = "Run drills at their scheduled times, one at a time, until stopped (Ctrl-C). After a restart"
                    + " it neither skips a missed time silently nor runs one twice: it says what it did.")
    static final class Schedule implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "<drill.yaml>")
        List<Path> files;

        @Mixin
        Common common;

        @Override
        public Integer call() {
            Map<String, DrillSuite> suites = new LinkedHashMap<>();
            Map<String, Path> firstFile = new HashMap<>();
            boolean invalid = false;
            for (Path f : files) {
                DrillSuite suite = load(f);
                if (suite == null) {
                    invalid = true;
                    continue;
                }
                Drill drill = suite.drill();
                Path first = firstFile.putIfAbsent(drill.name(), f);
                if (first != null) {
                    System.err.println(f + ": drill '" + drill.name() + "' is already defined in " + first
                            + "; names must be unique");
                    invalid = true;
                } else if (drill.schedule() == null) {
                    System.err.println(f + ": schedule: missing; a drill without one is run by hand"
                            + " (faultline drill run)");
                    invalid = true;
                }
                suites.put(drill.name(), suite);
            }
            if (invalid || common.historyRefused("schedule")) {
                return Verdict.INVALID_INPUT_EXIT;
            }
            String location = common.historyLocation();
            try (History history = History.open(location)) {
                // opened once first: a history that cannot be used stops the scheduler before it waits
            } catch (HistoryException e) {
                System.err.println("faultline drill schedule: harness error: " + e.getMessage());
                return Verdict.ERROR.exitCode();
            }
            PrintStream out = System.out;
            RunOptions.Cancellation stop = new RunOptions.Cancellation();
            Thread scheduling = Thread.currentThread();
            stop.onCancel(scheduling::interrupt);
            Claims claims = new Claims(location);
            Scheduler scheduler = new Scheduler(suites.values().stream().map(DrillSuite::drill).toList(),
                    Clock.systemUTC(), Scheduler.ClockWaiter.onSystemClock(stop::cancelled), claims, (drill, time) -> {
                        Claim claim = claims.claimed.remove(drill.name() + "@" + time);
                        try {
                            DrillRun.Outcome outcome = new DrillRun(suites.get(drill.name()), common.reportDir,
                                    location, Clock.systemUTC(), out).runClaimed(claim.id(), time, claim.startedAt());
                            if (outcome.reason().startsWith("cancelled")) {
                                stop.cancel(outcome.reason());
                            }
                        } catch (HistoryException e) {
                            System.err.println("faultline drill schedule: " + drill.name() + ": harness error: "
                                    + e.getMessage());
                        }
                        ScenarioSequence.onInterrupt(out, stop); // a drill's run bound Ctrl-C to itself
                    }, out);
            return ScenarioSequence.guarded(out, stop, () -> {
                scheduler.run(stop::cancelled);
                out.println("faultline drill schedule: stopped (" + (stop.cancelled() ? stop.reason() : "done") + ")");
                return stop.cancelled() ? Verdict.ABORTED.exitCode() : 0;
            });
        }
    }

    /** A drill run claimed in the history: its id and when it was claimed (its start). */
    record Claim(long id, Instant startedAt) {
    }

    /** The scheduler's claims, kept in the history: a claimed time is never run again, by this or any scheduler. */
    static final class Claims implements Scheduler.Claims {
        private final String location;
        final Map<String, Claim> claimed = new java.util.concurrent.ConcurrentHashMap<>();

        Claims(String location) {
            this.location = location;
        }

        /** What {@code read} reads from the history, opened for it alone; its failure ends the scheduler. */
        private <T> T inHistory(HistoryCall<T> read) {
            try (History history = History.open(location)) {
                return read.on(history);
            } catch (HistoryException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public Optional<Instant> lastScheduled(String drill) {
            return inHistory(history -> history.lastScheduled(drill));
        }

        @Override
        public Optional<Instant> lastStarted(String drill) {
            return inHistory(history -> history.lastStarted(drill));
        }

        @Override
        public boolean claim(String drill, Instant scheduledFor) {
            Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Optional<Long> id = inHistory(history -> history.startDrill(drill, scheduledFor, startedAt));
            id.ifPresent(i -> claimed.put(drill + "@" + scheduledFor, new Claim(i, startedAt)));
            return id.isPresent();
        }
    }

    /** One call on an open history. */
    @FunctionalInterface
    interface HistoryCall<T> {
        T on(History history) throws HistoryException;
    }
}
