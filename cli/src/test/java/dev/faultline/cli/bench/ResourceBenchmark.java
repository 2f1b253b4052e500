package dev.faultline.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.testcontainers.DockerClientFactory;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.run.Poll;
import dev.faultline.engine.runtime.Reaper;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.resource.ResourceExhaustionType;

/**
 * How soon each resource of {@code resource-exhaustion} takes effect and how soon it is released, against real
 * containers: one small topology (an agent with CPU, memory and bounded-disk limits, and a PostgreSQL store), and
 * for each resource {@code --runs} faults applied, verified and reverted one after the other.
 *
 * <p>What is timed, per run:
 * <ul>
 *   <li><b>take-effect</b>: from just before {@link Fault.Handle#apply()} to the moment {@link Fault.Handle#verify()}
 *       first says the fault took effect, verify polled every 20 ms with a 10 s cap, exactly as the engine's
 *       {@code FaultDriver.inject} does. Verify observes the effect independently of the tool that made it
 *       (cgroup counters, statvfs, {@code /proc}, {@code pg_stat_activity}).</li>
 *   <li><b>release</b>: how long {@link Fault.Handle#revert()} takes. Revert returns only once it has observed the
 *       release (no stress process left, limits back, memory free again, the fill file gone, the store counting none
 *       of the held connections), and throws otherwise.</li>
 * </ul>
 * Prints every run, then per resource min/median/max of both and the share of runs within 1 s, with the last run's
 * verification as a sample; writes the same as JSON ({@code --out}).
 *
 * <p>Not a test (no JUnit, not named like one): run it with {@code cli/bench/resources/run.sh}; see the README
 * beside it.
 */
public final class ResourceBenchmark {
    private static final String TOOL = "resource-bench";
    private static final String USAGE = """
            usage: cli/bench/resources/run.sh [options]
              --runs N            faults of each resource applied, verified and reverted (default 5)
              --resources LIST    which of cpu,memory,disk,file-descriptors,connections, comma-separated (default all)
              --out FILE          also write the figures as JSON there (default $TMPDIR/faultline-resource-bench.json)
            """;
    /** The topology every fault acts on: the limits of cli/src/test/resources/resource-targets.yaml. */
    static final String TOPOLOGY = """
            # Written by the resource benchmark (dev.faultline.cli.bench.ResourceBenchmark).
            topology: resource-bench
            services:
              agent:
                image: faultline/agent
                role: agent
                env: { AGENT_ROLE: worker }
                ports: [8080]
                resources: { cpus: 0.5, memory: 256m, disk: { path: /var/lib/faultline-disk, size: 32m } }
              store: { image: faultline/postgres, role: store, ports: [5432] }
            """;
    /** Every resource with the level it is measured at and the service it acts on. */
    static final List<Case> CASES = List.of(
            new Case("cpu", "100%", "agent"),
            new Case("memory", "90%", "agent"),
            new Case("disk", "100%", "agent"),
            new Case("file-descriptors", "100%", "agent"),
            new Case("connections", "100%", "store"));
    /** What the engine's FaultDriver waits for a fault to take effect, and how often it asks. */
    static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
    static final Duration VERIFY_EVERY = Duration.ofMillis(20);
    /** The bound on both timings. */
    static final long TARGET_MS = 1000;
    /** How long closing the topology may keep retrying. */
    private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(15);
    /** The fault's configured duration: it is reverted by the benchmark, never by its clock. */
    private static final Duration FAULT_DURATION = Duration.ofSeconds(5);

    private final Options options;
    private final PrintStream out;

    private ResourceBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        BenchCli.main(TOOL, USAGE, args, Options::parse, o -> new ResourceBenchmark(o, System.out).run());
    }

    /** One resource as the benchmark measures it. */
    record Case(String resource, String level, String service) {
        String with() {
            return "{resource: " + resource + ", level: " + level + "}";
        }
    }

    /**
     * One run of one resource: ms from just before apply to the first verification that took effect (null if none
     * within the cap), ms revert took (null if it failed), what the last verification said, and what went wrong.
     */
    record RunFigures(int run, long seed, long applyMs, Long takeEffectMs, int verifications, String verification,
                      Long releaseMs, List<String> notes, String problem) {
    }

    private int run() throws IOException {
        if (!BenchCli.dockerAnswers(TOOL)) {
            return 4;
        }
        int reaped = new Reaper(DockerClientFactory.instance().client()).reapDeadRuns();
        if (reaped > 0) {
            out.println("removed " + reaped + " container(s) left by runs whose process is gone");
        }
        Path yaml = Files.createTempFile("faultline-resource-bench-", ".yaml");
        Topology topology;
        try {
            Files.writeString(yaml, TOPOLOGY);
            topology = ScenarioLoader.standard().loadTopology(yaml);
        } finally {
            Files.deleteIfExists(yaml);
        }
        TopologyRuntime runtime = new TopologyRuntime(topology, TOOL + "-" + ProcessHandle.current().pid());
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (closed.compareAndSet(false, true)) {
                removeAll(runtime);
            }
        };
        // Ctrl-C: the containers go with the benchmark (what they hold goes with them; held connections with the JVM).
        Thread hook = new Thread(closeOnce, TOOL + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<Case, List<RunFigures>> figures = new LinkedHashMap<>();
        try {
            long started = System.nanoTime();
            try {
                runtime.start(progress -> { });
            } catch (RuntimeException e) {
                out.println("the topology did not start: " + e);
                return 3;
            }
            out.printf("Faultline resource benchmark: topology %s started in %d ms (%s), %d run(s) per resource,"
                    + " verify every %d ms up to %d s%n", topology.name(), (System.nanoTime() - started) / 1_000_000,
                    runtime.runId(), options.runs, VERIFY_EVERY.toMillis(), VERIFY_TIMEOUT.toSeconds());
            for (Case c : options.cases) {
                List<RunFigures> runs = new ArrayList<>();
                figures.put(c, runs);
                for (int i = 1; i <= options.runs && !Thread.currentThread().isInterrupted(); i++) {
                    RunFigures r = runOnce(c, i, runtime);
                    runs.add(r);
                    out.println(line(c, r));
                }
            }
        } finally {
            closeOnce.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already: it finds the runtime closed
            }
        }
        out.println();
        print(figures);
        writeJson(figures);
        out.println("JSON: " + options.out);
        boolean allMeasured = figures.values().stream().flatMap(List::stream).allMatch(r -> r.problem() == null);
        return allMeasured ? 0 : 3;
    }

    /**
     * Closes the runtime, again while Docker refuses because a removal is already under way (on Ctrl-C,
     * Testcontainers' own shutdown hook removes the same containers at the same time), until every container and
     * the network are gone, or {@link #REMOVE_TIMEOUT} has passed.
     */
    private static void removeAll(TopologyRuntime runtime) {
        RuntimeException[] last = {null};
        try {
            boolean removed = Poll.until(() -> {
                try {
                    runtime.close();
                    return true;
                } catch (RuntimeException e) {
                    last[0] = e;
                    return false;
                }
            }, REMOVE_TIMEOUT, Duration.ofMillis(200), () -> false);
            if (!removed) {
                System.err.println(TOOL + ": could not remove the containers of " + runtime.runId() + " within "
                        + REMOVE_TIMEOUT.toSeconds() + " s (the next benchmark removes them): " + last[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies, verifies (as the engine does) and reverts one fault of {@code c}; times take-effect and release. */
    private RunFigures runOnce(Case c, int run, TopologyRuntime runtime) {
        ServiceSpec service = runtime.topology().services().get(c.service());
        Fault fault = new ResourceExhaustionType().configure(YamlParams.parse(c.with()), FAULT_DURATION);
        Optional<String> unsuitable = fault.unsuitableFor(service);
        if (unsuitable.isPresent()) {
            throw new IllegalStateException("the benchmark's topology does not suit " + c.with() + ": "
                    + unsuitable.get());
        }
        long seed = 0x5eed_0000L + run * 7919L + c.resource().hashCode();
        BenchContext context = new BenchContext(new FaultSpec("bench-" + c.resource(), "resource-exhaustion",
                Target.all(c.service()), Duration.ZERO, FAULT_DURATION, fault), service.instanceNames(),
                runtime.control(), service, seed);
        Fault.Handle handle = fault.handle(context);
        String problem = null;
        long applyMs = -1;
        Long takeEffectMs = null;
        int[] verifications = {0};
        Fault.Verification[] last = {Fault.Verification.failed("not verified")};
        long before = System.nanoTime();
        try {
            handle.apply();
            applyMs = (System.nanoTime() - before) / 1_000_000;
            long[] tookEffectAt = {-1};
            Poll.until(() -> {
                verifications[0]++;
                try {
                    last[0] = handle.verify();
                } catch (Exception e) {
                    last[0] = Fault.Verification.failed("verify threw " + e);
                }
                if (last[0].tookEffect()) {
                    tookEffectAt[0] = System.nanoTime();
                }
                return last[0].tookEffect();
            }, VERIFY_TIMEOUT, VERIFY_EVERY, () -> false);
            if (tookEffectAt[0] >= 0) {
                takeEffectMs = (tookEffectAt[0] - before) / 1_000_000;
            } else {
                problem = "did not take effect within " + VERIFY_TIMEOUT.toSeconds() + " s: " + last[0].detail();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while waiting for it to take effect";
        } catch (Exception e) {
            problem = "apply failed: " + e;
        }
        Long releaseMs = null;
        long revertStarted = System.nanoTime();
        try {
            handle.revert();
            releaseMs = (System.nanoTime() - revertStarted) / 1_000_000;
        } catch (Exception e) {
            problem = (problem == null ? "" : problem + "; ") + "revert failed: " + e;
            try {
                handle.revert(); // once more, as the engine does: the next run must start clean
            } catch (Exception again) {
                problem += "; and again: " + again;
            }
        }
        return new RunFigures(run, seed, applyMs, takeEffectMs, verifications[0], last[0].detail(), releaseMs,
                context.notes(), problem);
    }

    private static String line(Case c, RunFigures r) {
        String figures = String.format(Locale.ROOT, "%-17s run %d  take-effect %6s ms (apply %d ms, %d verify)"
                + "  release %6s ms", c.resource(), r.run(), ms(r.takeEffectMs()), r.applyMs(), r.verifications(),
                ms(r.releaseMs()));
        return r.problem() == null ? figures : figures + "  FAILED: " + r.problem();
    }

    private void print(Map<Case, List<RunFigures>> figures) {
        out.printf("%-24s %-27s %-27s%n", "", "take-effect ms", "release ms");
        out.printf("%-24s %6s %6s %6s %6s %6s %6s %6s %6s%n", "resource (level)", "min", "median", "max", "<=1s",
                "min", "median", "max", "<=1s");
        for (Map.Entry<Case, List<RunFigures>> e : figures.entrySet()) {
            Case c = e.getKey();
            Timing take = Timing.of(e.getValue().stream().map(RunFigures::takeEffectMs).toList());
            Timing release = Timing.of(e.getValue().stream().map(RunFigures::releaseMs).toList());
            out.printf("%-24s %6s %6s %6s %6s %6s %6s %6s %6s%n", c.resource() + " (" + c.level() + ")",
                    ms(take.min()), ms(take.median()), ms(take.max()), take.share(),
                    ms(release.min()), ms(release.median()), ms(release.max()), release.share());
        }
        out.println();
        out.println("the last run's verification and release, per resource:");
        for (Map.Entry<Case, List<RunFigures>> e : figures.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            RunFigures r = e.getValue().get(e.getValue().size() - 1);
            out.printf("  %-17s %s%n", e.getKey().resource(), r.verification());
            for (String note : r.notes()) {
                out.printf("  %-17s %s%n", "", note);
            }
        }
    }

    private void writeJson(Map<Case, List<RunFigures>> figures) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("runsPerResource", options.runs);
        settings.put("verifyEveryMs", VERIFY_EVERY.toMillis());
        settings.put("verifyTimeoutMs", VERIFY_TIMEOUT.toMillis());
        settings.put("targetMs", TARGET_MS);
        settings.put("hostCpus", Runtime.getRuntime().availableProcessors());
        settings.put("topology", TOPOLOGY);
        root.put("settings", settings);
        List<Object> resources = new ArrayList<>();
        for (Map.Entry<Case, List<RunFigures>> e : figures.entrySet()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("resource", e.getKey().resource());
            json.put("level", e.getKey().level());
            json.put("target", e.getKey().service());
            json.put("takeEffectMs", Timing.of(e.getValue().stream().map(RunFigures::takeEffectMs).toList()));
            json.put("releaseMs", Timing.of(e.getValue().stream().map(RunFigures::releaseMs).toList()));
            json.put("runs", e.getValue());
            resources.add(json);
        }
        root.put("resources", resources);
        Path parent = options.out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out.toFile(), root);
    }

    private static String ms(Long value) {
        return value == null ? "-" : value.toString();
    }

    /**
     * Min, median and max over the runs that measured a figure (null when none did), and how many of all runs
     * measured one within {@link #TARGET_MS}: a run that failed counts as not within.
     */
    record Timing(Long min, Long median, Long max, int withinTarget, int runs) {
        static Timing of(List<Long> values) {
            List<Long> measured = values.stream().filter(v -> v != null).toList();
            int within = (int) measured.stream().filter(v -> v <= TARGET_MS).count();
            if (measured.isEmpty()) {
                return new Timing(null, null, null, 0, values.size());
            }
            StartBenchmark.Summary s = StartBenchmark.Summary.of(measured);
            return new Timing(s.min(), s.median(), s.max(), within, values.size());
        }

        String share() {
            return withinTarget + "/" + runs;
        }
    }

    /** The context of one benchmark fault: its targets, the runtime's containers, notes kept for the report. */
    private static final class BenchContext implements FaultContext {
        private final FaultSpec spec;
        private final List<String> instances;
        private final ContainerControl containers;
        private final ServiceSpec service;
        private final long seed;
        private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

        BenchContext(FaultSpec spec, List<String> instances, ContainerControl containers, ServiceSpec service,
                     long seed) {
            this.spec = spec;
            this.instances = List.copyOf(instances);
            this.containers = containers;
            this.service = service;
            this.seed = seed;
        }

        @Override
        public FaultSpec spec() {
            return spec;
        }

        @Override
        public List<String> targetInstances() {
            return instances;
        }

        @Override
        public ContainerControl containers() {
            return containers;
        }

        @Override
        public ServiceSpec service() {
            return service;
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }

        List<String> notes() {
            synchronized (notes) {
                return List.copyOf(notes);
            }
        }
    }

    private static final class Options {
        int runs = 5;
        List<Case> cases = CASES;
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "faultline-resource-bench.json");

        /** The options, or null when help was asked for; bad options throw with what was wrong. */
        static Options parse(String[] args) {
            Options o = new Options();
            boolean run = BenchCli.options(args, (arg, value) -> {
                switch (arg) {
                    case "--runs" -> o.runs = BenchCli.wholeNumber(arg, value, 1);
                    case "--resources" -> o.cases = cases(arg, value);
                    case "--out" -> o.out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            });
            return run ? o : null;
        }

        /** The cases named in {@code value}, in the benchmark's own order. */
        private static List<Case> cases(String option, String value) {
            List<String> names = List.of(value.split(",", -1));
            for (String name : names) {
                if (CASES.stream().noneMatch(c -> c.resource().equals(name.strip()))) {
                    throw new IllegalArgumentException(option + ": expected some of "
                            + CASES.stream().map(Case::resource).toList() + ", comma-separated, but found '" + name
                            + "'");
                }
            }
            return CASES.stream().filter(c -> names.stream().anyMatch(n -> n.strip().equals(c.resource()))).toList();
        }
    }
}
