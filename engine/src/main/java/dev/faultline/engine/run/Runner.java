package dev.faultline.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.runtime.Reaper;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Reporter;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.timeline.TimelineWriter;

/**
 * Runs one scenario: start the topology, check the steady state, drive load, apply and revert faults at their
 * times, drain, watch recovery, then judge the objectives over the timeline and ledger and write reports. Every
 * fault is reverted and every container removed on success, failure, exception and cancellation.
 */
public final class Runner {
    private static final Duration STEADY_FOR = Duration.ofSeconds(1);
    private static final Duration RECOVERY_WATCH_LIMIT = Duration.ofSeconds(60);

    private final List<Reporter> reporters;

    public Runner() {
        this(ServiceLoader.load(Reporter.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public Runner(List<Reporter> reporters) {
        this.reporters = List.copyOf(reporters);
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
        private final Timeline timeline = new Timeline();
        private final Ledger ledger = new Ledger();
        private final Instant startedAt = Instant.now();
        private final Path dir;
        private volatile String abortReason;
        private volatile String errorReason;
        private volatile FaultDriver faults;
        private volatile Thread halting;
        private boolean closing;
        private long loadStart = -1;
        private long loadEnd = -1;
        private long drainEnd = -1;
        private TopologyRuntime runtime;

        Execution(Scenario scenario, RunOptions options) {
            this.scenario = scenario;
            this.options = options;
            this.runId = newRunId(scenario);
            this.dir = options.reportDir().resolve(scenario.name());
        }

        private boolean stopping() {
            if (options.cancellation().cancelled() && abortReason == null) {
                abortReason = "cancelled: " + options.cancellation().reason();
            }
            return abortReason != null || errorReason != null;
        }

        RunResult run() {
            RunDirectory.prepare(dir);
            TimelineWriter writer = new TimelineWriter(dir.resolve("timeline.jsonl"));
            timeline.onEvent(writer);
            timeline.onEvent(options.observer());
            long seed = options.seed().orElse(scenario.seed());
            timeline.record(new TimelineEvent.Note(timeline.now(), "run " + runId + " seed " + seed));
            Sampler sampler = null;
            Supervisor supervisor = null;
            LoadDriver.Running load = null;
            try {
                phase(RunPhase.STARTING);
                int reaped = new Reaper(org.testcontainers.DockerClientFactory.instance().client()).reapDeadRuns();
                if (reaped > 0) {
                    note("removed " + reaped + " leftover container(s) of dead runs");
                }
                runtime = new TopologyRuntime(scenario.topology(), runId, scenario.seed());
                runtime.start(this::note);
                supervisor = new Supervisor(runtime, timeline);
                faults = new FaultDriver(scenario, runtime, timeline, seed);
                sampler = new Sampler(scenario, runtime, timeline);
                timeline.onEvent(new HaltWatch(scenario.haltWhen(), this::halt));
                sampler.start();

                phase(RunPhase.STEADY_STATE);
                if (!awaitSteadyState(sampler)) {
                    if (abortReason == null) {
                        abortReason = "steady state never held within " + options.steadyStateTimeout().toSeconds()
                                + " s: failing " + failingLanes(sampler);
                    }
                    return finish(sampler, supervisor, load, writer);
                }

                phase(RunPhase.LOAD);
                loadStart = timeline.now();
                long loadStartNanos = System.nanoTime();
                if (scenario.load() != null) {
                    load = driver(scenario.load()).start(scenario.load(), new LoadContext(runtime, ledger, timeline, seed, runId));
                    options.cancellation().onCancel(load::close);
                }
                runFaultPlan(loadStartNanos);
                if (load != null && !stopping()) {
                    load.awaitSubmitted();
                }
                loadEnd = timeline.now();
                faults.revertAll();
                if (!stopping()) {
                    phase(RunPhase.DRAIN);
                    if (load != null) {
                        load.drain(scenario.load().drain());
                    }
                    drainEnd = timeline.now();
                    phase(RunPhase.RECOVERY);
                    awaitRecovery(sampler);
                    if (!stopping()) {
                        phase(RunPhase.STATE);
                        new StateReader(runtime, timeline).readAll();
                    }
                }
            } catch (FaultDriver.FaultNotTakenException e) {
                errorReason = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abortReason = "interrupted";
            } catch (RuntimeException e) {
                errorReason = "harness error: " + e;
                note(errorReason);
            }
            return finish(sampler, supervisor, load, writer);
        }

        private RunResult finish(Sampler sampler, Supervisor supervisor, LoadDriver.Running load, TimelineWriter writer) {
            try {
                synchronized (this) {
                    closing = true;
                }
                phase(RunPhase.STOPPING);
                awaitHalt();
                if (faults != null) {
                    faults.revertAll();
                }
                if (load != null) {
                    load.close();
                }
                if (sampler != null) {
                    sampler.close();
                }
                if (supervisor != null) {
                    supervisor.close();
                }
            } finally {
                if (runtime != null) {
                    runtime.saveLogs(dir.resolve("logs"));
                    runtime.close();
                }
            }
            RunResult result = evaluate();
            writer.close();
            for (Reporter r : reporters) {
                try {
                    r.write(result, dir);
                } catch (IOException | RuntimeException e) {
                    System.err.println("faultline: reporter " + r.name() + " failed: " + e);
                }
            }
            return result;
        }

        private RunResult evaluate() {
            RunRecord record = new RunRecord(scenario, runId, startedAt, timeline, ledger,
                    faults == null ? List.of() : faults.windows(), scenario.topology().instances(),
                    loadStart, loadEnd, drainEnd);
            Duration stableFor = StabilityRequirement.resolve(scenario);
            Measurements measurements = Measurements.of(record, stableFor);
            List<Objective.Check> checks = new ArrayList<>();
            Verdict verdict;
            String reason;
            if (errorReason != null) {
                verdict = Verdict.ERROR;
                reason = errorReason;
            } else if (abortReason != null) {
                verdict = Verdict.ABORTED;
                reason = abortReason;
            } else {
                for (Objective o : scenario.objectives()) {
                    try {
                        checks.addAll(o.evaluate(record));
                    } catch (RuntimeException e) {
                        checks.add(new Objective.Check(o.name(), "evaluable", "error: " + e, false));
                    }
                }
                List<String> violated = checks.stream().filter(c -> !c.met())
                        .map(c -> c.name() + " expected " + c.expected() + " but was " + c.actual()).toList();
                verdict = violated.isEmpty() ? Verdict.PASSED : Verdict.FAILED;
                reason = violated.isEmpty() ? "every objective met" : String.join("; ", violated);
                if (!violated.isEmpty() && measurements.sampling().lateTicks() > 0) {
                    reason += " (note: the harness itself fell up to " + measurements.sampling().worstLagMs()
                            + " ms behind its sampling schedule, " + measurements.sampling().lateTicks()
                            + " late tick(s): the host was overloaded, so some failures may be the host's)";
                }
            }
            return new RunResult(record, measurements, checks, verdict, reason, Instant.now(), dir);
        }

        private void runFaultPlan(long loadStartNanos) throws InterruptedException, FaultDriver.FaultNotTakenException {
            record Action(long atNanos, int index, boolean inject) {
            }
            List<Action> plan = new ArrayList<>();
            for (int i = 0; i < faults.size(); i++) {
                FaultSpec spec = faults.spec(i);
                long at = loadStartNanos + spec.at().toNanos();
                plan.add(new Action(at, i, true));
                if (spec.duration() != null) {
                    plan.add(new Action(at + spec.duration().toNanos(), i, false));
                }
            }
            plan.sort(Comparator.comparingLong(Action::atNanos).thenComparing(a -> a.inject() ? 1 : 0));
            for (Action action : plan) {
                if (!Poll.untilTime(action.atNanos(), this::stopping)) {
                    return;
                }
                if (action.inject()) {
                    faults.inject(action.index(), this::stopping);
                } else {
                    faults.revert(action.index());
                }
            }
        }

        private boolean awaitSteadyState(Sampler sampler) throws InterruptedException {
            return awaitPassing(sampler, STEADY_FOR, options.steadyStateTimeout());
        }

        /** After the load and drain, keep sampling until every lane has passed for stable-for (bounded). */
        private void awaitRecovery(Sampler sampler) throws InterruptedException {
            Duration stableFor = StabilityRequirement.resolve(scenario).plus(scenario.sampleEvery());
            awaitPassing(sampler, stableFor, RECOVERY_WATCH_LIMIT);
        }

        /** Whether every lane's newest sample passed continuously for {@code span} within {@code timeout}. */
        private boolean awaitPassing(Sampler sampler, Duration span, Duration timeout) throws InterruptedException {
            List<Lane> lanes = sampler.allLanes();
            long[] passingSince = {-1};
            return Poll.until(() -> {
                if (!sampler.passing(lanes)) {
                    passingSince[0] = -1;
                    return false;
                }
                if (passingSince[0] < 0) {
                    passingSince[0] = System.nanoTime();
                }
                return System.nanoTime() - passingSince[0] >= span.toNanos();
            }, timeout, Duration.ofMillis(20), this::stopping);
        }

        private String failingLanes(Sampler sampler) {
            List<String> failing = new ArrayList<>();
            for (Lane lane : sampler.allLanes()) {
                var s = sampler.latest(lane);
                if (s == null || !s.ok()) {
                    failing.add(lane + (s == null ? " (no sample)" : " (" + s.detail() + ")"));
                }
            }
            return String.join(", ", failing);
        }

        /**
         * A halt-when condition held (called on a sampler thread): stop the plan and revert every fault at once on
         * a thread of its own, so sampling goes on, and record how long that took after the condition became true.
         */
        private synchronized void halt(String probe, String why, long conditionTrueAt) {
            if (closing) {
                return; // the run is already reverting everything and stopping
            }
            abortReason = why;
            Thread t = new Thread(() -> {
                FaultDriver driver = faults;
                FaultDriver.Halted halted = driver == null
                        ? new FaultDriver.Halted(List.of(), timeline.now()) : driver.halt();
                timeline.record(new TimelineEvent.Halt(timeline.now(), probe, why, conditionTrueAt,
                        halted.lastRevertedAt(), halted.reverted()));
            }, "faultline-halt");
            t.setDaemon(true);
            halting = t;
            t.start();
        }

        private void awaitHalt() {
            Thread t = halting;
            if (t == null) {
                return;
            }
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private LoadDriver driver(LoadSpec spec) {
            return ServiceLoader.load(LoadDriver.class).stream().map(ServiceLoader.Provider::get)
                    .filter(d -> d.name().equals(spec.driver())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no load driver '" + spec.driver()
                            + "' on the classpath"));
        }

        private void phase(RunPhase phase) {
            timeline.record(new TimelineEvent.Phase(timeline.now(), phase));
        }

        private void note(String message) {
            timeline.record(new TimelineEvent.Note(timeline.now(), message));
        }
    }
}
