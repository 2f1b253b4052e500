package dev.faultline.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.Reporter;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.LedgerFile;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.timeline.TimelineWriter;

/**
 * Runs one scenario: start the topology, check the steady state, drive load while the {@link FaultPlan} injects
 * and reverts faults, drain, watch recovery, read the services' state, then let the {@link Judge} give the verdict
 * and the reporters write it. Every fault is reverted and every container removed on success, failure, exception,
 * cancellation and halt ({@link Halting}).
 */
public final class Runner {
    private static final Duration STEADY_FOR = Duration.ofSeconds(1);
    private static final Duration RECOVERY_WATCH_LIMIT = Duration.ofSeconds(60);
    /** What a run writes into its folder, besides the reporters' files and {@link LedgerFile#NAME}. */
    static final String TIMELINE = "timeline.jsonl";
    static final String LOGS = "logs";

    private final List<Reporter> reporters;
    private final RunEnvironment environment;
    /** The names of everything a run writes into its folder: the next run moves them, and only them, to history. */
    private final Set<String> files;

    public Runner() {
        this(ServiceLoader.load(Reporter.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public Runner(List<Reporter> reporters) {
        this(reporters, RunEnvironment.docker());
    }

    public Runner(List<Reporter> reporters, RunEnvironment environment) {
        this.reporters = reporters.stream().sorted(java.util.Comparator.comparingInt(Reporter::order)).toList();
        this.environment = environment;
        Set<String> names = new TreeSet<>(List.of(TIMELINE, LedgerFile.NAME, LOGS));
        this.reporters.forEach(r -> names.addAll(r.files()));
        this.files = Set.copyOf(names);
    }

    public RunResult run(Scenario scenario, RunOptions options) {
        return new Execution(scenario, options).run();
    }

    /** Unique id of a run: scenario, time and a random suffix. */
    static String newRunId(Scenario scenario) {
        return scenario.name() + "-" + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(new java.util.Random().nextInt(36 * 36), 36);
    }

    private final class Execution {
        private final Scenario scenario;
        private final RunOptions options;
        private final String runId;
        private final long seed;
        private final Timeline timeline = new Timeline();
        private final Ledger ledger = new Ledger();
        private final Instant startedAt = Instant.now();
        private final Path dir;
        private final RunStop stop;
        private final Halting halting;
        private RunningTopology runtime;
        private Supervisor supervisor;
        private Sampler sampler;
        private ConnectionSampler connectionSampler;
        private FaultDriver faults;
        private volatile LoadDriver.Running load;
        private long loadStart = -1;
        private long loadEnd = -1;
        private long drainEnd = -1;

        Execution(Scenario scenario, RunOptions options) {
            // one seed for everything the run does and reports: --seed, else the file's
            this.scenario = options.seed().isPresent() ? scenario.withSeed(options.seed().getAsLong()) : scenario;
            this.options = options;
            this.runId = newRunId(scenario);
            this.seed = this.scenario.seed();
            this.dir = options.reportDir().resolve(scenario.name());
            this.stop = new RunStop(options.cancellation());
            this.halting = new Halting(timeline, stop);
        }

        RunResult run() {
            TimelineWriter writer;
            try {
                RunDirectory.prepare(dir, files);
                writer = new TimelineWriter(dir.resolve(TIMELINE));
            } catch (RuntimeException e) { // unwritable, a name too long for the file system, ...
                timeline.onEvent(options.observer());
                stop.error("cannot write the results: " + Failures.oneLine(e) + " (nothing was started)");
                return judge(); // nothing to save them in
            }
            timeline.onEvent(writer);
            timeline.onEvent(options.observer());
            note("run " + runId + " seed " + seed);
            try {
                start();
                if (steadyState()) {
                    loadWithFaults();
                    if (!stop.stopping()) {
                        drainAndRecover();
                    }
                }
            } catch (FaultDriver.FaultNotTakenException | LoadDriver.LoadFailedException e) {
                stop.error(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.abort("interrupted");
            } catch (RuntimeException e) {
                stop.error("harness error: " + Failures.oneLine(e));
                note("harness error: " + Failures.oneLine(e));
            } finally { // an Error too: nothing of the run is left behind
                stopEverything();
            }
            RunResult result = judge();
            saveLedger();
            report(result);
            writer.close();
            return result;
        }

        private RunResult judge() {
            RunRecord record = record();
            Measurements measurements = Measurements.of(record, StabilityRequirement.resolve(scenario));
            return Judge.judge(record, measurements, stop, dir);
        }

        private void start() {
            phase(RunPhase.STARTING);
            int reaped = environment.reapDeadRuns();
            if (reaped > 0) {
                note("removed " + reaped + " leftover container(s) of dead runs");
            }
            runtime = environment.topology(scenario.topology(), runId, scenario.seed());
            runtime.onEngineLost(why -> {
                stop.error(why); // every wait of the run ends on it, the load's too: no run goes on blind
                note(why);
                LoadDriver.Running running = load;
                if (running != null) {
                    running.close();
                }
            });
            for (FaultSpec fault : scenario.faults()) {
                ServiceSpec service = scenario.topology().services().get(fault.target().service());
                runtime.prepare(service.name(), fault.fault().setup(service));
            }
            runtime.start(this::note);
            supervisor = new Supervisor(runtime, timeline);
            faults = new FaultDriver(scenario, runtime, timeline, seed);
            halting.watch(faults);
            sampler = new Sampler(scenario, runtime, timeline);
            faults.beforeEachAction(sampler::sharpen);
            timeline.onEvent(sampler::sharpenOnChange);
            timeline.onEvent(new HaltWatch(scenario.haltWhen(), halting));
            sampler.start();
            connectionSampler = new ConnectionSampler(scenario, runtime.links(), timeline);
            connectionSampler.start();
        }

        private boolean steadyState() throws InterruptedException {
            phase(RunPhase.STEADY_STATE);
            if (sampler.awaitPassing(STEADY_FOR, options.steadyStateTimeout(), stop::stopping)) {
                return true;
            }
            stop.abortUnlessAborted("steady state never held within " + options.steadyStateTimeout().toSeconds()
                    + " s: failing " + sampler.failingLanes());
            return false;
        }

        private void loadWithFaults() throws InterruptedException, FaultDriver.FaultNotTakenException {
            phase(RunPhase.LOAD);
            if (scenario.load() != null) {
                load = environment.loadDriver(scenario.load().driver()).start(scenario.load(),
                        new LoadContext(runtime, ledger, timeline, seed, runId, dir));
                options.cancellation().onCancel(load::close);
            }
            // the load starts with its first item: a driver may take seconds to start sending (Gatling loads itself),
            // and fault offsets count from the load's real start
            long nowNanos = System.nanoTime();
            long now = timeline.now();
            loadStart = ledger.size() > 0 ? Math.min(now, ledger.item(0).submittedAt()) : now;
            long loadStartNanos = nowNanos - (now - loadStart) * 1_000_000;
            new FaultPlan(scenario.faults()).run(faults, loadStartNanos, stop::stopping);
            if (load != null && !stop.stopping()) {
                load.awaitSubmitted();
            }
            loadEnd = timeline.now();
            faults.revertAll();
        }

        private void drainAndRecover() throws InterruptedException {
            phase(RunPhase.DRAIN);
            if (load != null) {
                Drain.run(load, scenario.load().drain(), runtime, timeline);
            }
            drainEnd = timeline.now();
            phase(RunPhase.RECOVERY);
            Duration stableFor = StabilityRequirement.resolve(scenario).plus(scenario.sampleEvery());
            // counted from now, not from a stretch that already passed before the drain: the state read after the
            // watch needs that time too (counted from the stretch, two-phase-commit read its worker 199 of 200
            // bookings: its last commit was still under way)
            // a probe whose service a scale-down left without replicas never passes again: no use waiting for it
            if (!sampler.awaitPassing(stableFor, RECOVERY_WATCH_LIMIT,
                    () -> stop.stopping() || !sampler.withoutReplicas().isEmpty())
                    && !sampler.withoutReplicas().isEmpty()) {
                note("recovery watch ended: no replica left to serve " + sampler.withoutReplicas());
            }
            if (!stop.stopping()) {
                phase(RunPhase.STATE);
                new StateReader(runtime, timeline).readAll();
            }
        }

        /**
         * Reverts every fault (after a halt under way), stops load and watching, saves the logs, removes every
         * container: each step whatever became of the others (a failure is noted, and the rest still happen).
         */
        private void stopEverything() {
            phase(RunPhase.STOPPING);
            cleanUp("end the halt under way", halting::close);
            if (faults != null) {
                cleanUp("revert the faults", faults::revertAll);
            }
            if (load != null) {
                cleanUp("stop the load", load::close);
            }
            if (sampler != null) {
                cleanUp("stop sampling", sampler::close);
            }
            if (connectionSampler != null) {
                cleanUp("stop sampling connections", connectionSampler::close);
            }
            if (supervisor != null) {
                cleanUp("stop the supervisor", supervisor::close);
            }
            if (runtime != null) {
                cleanUp("save the logs", () -> runtime.saveLogs(dir.resolve(LOGS)));
                if (!cleanUp("remove the containers", runtime::close) && stop.errorReason() == null) {
                    stop.error("cannot remove the run's containers (the next run removes them)");
                }
            }
        }

        /** Runs one step of the clean-up; a failure is noted on the timeline and stderr. True when it worked. */
        private boolean cleanUp(String what, Runnable step) {
            try {
                step.run();
                return true;
            } catch (RuntimeException e) {
                note("clean-up: cannot " + what + ": " + Failures.oneLine(e));
                System.err.println("faultline: cannot " + what + ": " + Failures.oneLine(e));
                return false;
            }
        }

        private RunRecord record() {
            return new RunRecord(scenario, runId, startedAt, timeline, ledger,
                    faults == null ? List.of() : faults.windows(), scenario.topology().instances(),
                    loadStart, loadEnd, drainEnd);
        }

        /** Writes {@code ledger.jsonl}, the run's second fact beside the timeline; a failure is noted, not fatal. */
        private void saveLedger() {
            try {
                LedgerFile.write(ledger, dir);
            } catch (IOException | RuntimeException e) {
                note("cannot save " + LedgerFile.NAME + ": " + e);
                System.err.println("faultline: cannot save " + LedgerFile.NAME + ": " + e);
            }
        }

        /** Writes every report; a reporter that fails is noted on the timeline (and on stderr), the rest still run. */
        private void report(RunResult result) {
            for (Reporter r : reporters) {
                try {
                    r.write(result, dir);
                } catch (IOException | RuntimeException e) {
                    note("reporter " + r.name() + " failed: " + e);
                    System.err.println("faultline: reporter " + r.name() + " failed: " + e);
                }
            }
        }

        private void phase(RunPhase phase) {
            timeline.record(new TimelineEvent.Phase(timeline.now(), phase));
        }

        private void note(String message) {
            timeline.record(new TimelineEvent.Note(timeline.now(), message));
        }
    }
}
