package dev.faultline.load.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.faultline.engine.measure.Latencies;
import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;

/**
 * For one load driver, found by name through ServiceLoader as the engine finds it, against a {@link Sink} in another
 * process (load/bench/drivers-bench.sh runs both):
 * <ul>
 * <li>the highest rate it holds: rising rates, each for a few seconds, until the first it does not hold, then two
 *     steps between the last held and that one. Held: the items submitted over the load's duration (counted from the
 *     ledger's submit times, from the first) are within 2 % of rate x duration, and every item was answered 2xx (none
 *     refused by the client for overload, none timed out);</li>
 * <li>the CPU the harness process uses while driving 500/s: process CPU seconds per wall second, over the steady part
 *     of the load (from 1 s after the first submission to the last), and over the whole load including the driver's
 *     start; which of its threads spent the steady part; the sink's beside it, for scale. The benchmark's own
 *     sampling thread is left out.</li>
 * </ul>
 * {@code DriversBench <driver> <sink port> <sink pid> <step seconds> <cpu seconds> [rates, e.g. 100,200,500]}
 */
public final class DriversBench {
    static final double TOLERANCE = 0.02;
    private static final int[] RATES = {100, 200, 500, 1000, 2000, 3000, 5000, 8000, 12000, 20000};
    private static final int REFINE_STEPS = 2;
    private static final int CPU_RATE = 500;
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final long SAMPLE_EVERY_MS = 250;
    /** The thread that samples the CPU; what it spends is left out of the harness's figures. */
    private static final String SAMPLER = "bench-cpu-sampler";
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final LoadDriver driver;
    private final int port;
    private final ProcessHandle sink;
    private int steps;

    private DriversBench(LoadDriver driver, int port, ProcessHandle sink) {
        this.driver = driver;
        this.port = port;
        this.sink = sink;
    }

    /** Where the figures go; a driver's own console output (Gatling's summary of each run) is dropped. */
    private static final PrintStream FIGURES = System.out;

    public static void main(String[] args) throws Exception {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        ProcessHandle sink = ProcessHandle.of(Long.parseLong(args[2]))
                .orElseThrow(() -> new IllegalStateException("the sink (pid " + args[2] + ") is not running"));
        Duration step = Duration.ofSeconds(Long.parseLong(args[3]));
        Duration cpu = Duration.ofSeconds(Long.parseLong(args[4]));
        Optional<LoadDriver> driver = ServiceLoader.load(LoadDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.name().equals(name)).findFirst();
        if (driver.isEmpty()) {
            FIGURES.printf("driver %s: not installed%n", name);
            return;
        }
        DriversBench bench = new DriversBench(driver.get(), port, sink);
        int[] rates = args.length > 5 ? Stream.of(args[5].split(",")).mapToInt(Integer::parseInt).toArray() : RATES;
        bench.highestHeldRate(rates, step);
        bench.cpuAt(CPU_RATE, cpu);
        System.exit(0); // a driver's leftover non-daemon threads must not keep the benchmark waiting
    }

    private void highestHeldRate(int[] rates, Duration step) throws Exception {
        int held = 0;
        int notHeld = 0;
        for (int rate : rates) {
            if (run(rate, step).held()) {
                held = rate;
            } else {
                notHeld = rate;
                break;
            }
        }
        for (int k = 0; k < REFINE_STEPS && notHeld > 0; k++) {
            int between = (held + notHeld) / 2 / 50 * 50;
            if (between <= held || between >= notHeld) {
                break;
            }
            if (run(between, step).held()) {
                held = between;
            } else {
                notHeld = between;
            }
        }
        FIGURES.printf("driver %s: highest rate held within %.0f %%: %s; first not held: %s (%d s steps)%n",
                driver.name(), TOLERANCE * 100, held == 0 ? "none" : held + "/s",
                notHeld == 0 ? "none up to " + rates[rates.length - 1] + "/s" : notHeld + "/s", step.toSeconds());
    }

    private void cpuAt(int rate, Duration duration) throws Exception {
        Step s = run(rate, duration);
        CpuSample from = s.sampleAtOrAfter(s.nanosAt(s.firstSubmit) + 1_000_000_000L);
        CpuSample to = s.sampleAtOrBefore(s.nanosAt(s.lastSubmit));
        CpuSample start = s.samples.get(0);
        CpuSample end = s.submittedSample;
        FIGURES.printf("driver %s: harness CPU while driving %d/s: %.3f CPU-s per s steady (%.1f s from 1 s after"
                        + " the first submission), %.3f over the whole load with the driver's start (%.1f s); the sink"
                        + " process beside it: %.3f CPU-s per s steady (%d CPUs, load average %.2f)%n",
                driver.name(), rate, from.harnessPerSecond(to), (to.wallNanos - from.wallNanos) / 1e9,
                start.harnessPerSecond(end), (end.wallNanos - start.wallNanos) / 1e9, from.sinkPerSecond(to),
                OS.getAvailableProcessors(), OS.getSystemLoadAverage());
        Map<String, Long> threads = spent(from.threads, to.threads);
        double seconds = (to.wallNanos - from.wallNanos) / 1e9;
        threads.remove(SAMPLER);
        long javaThreads = threads.values().stream().mapToLong(Long::longValue).sum();
        String top = threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(e -> String.format("%s %.3f", e.getKey(), e.getValue() / 1e9 / seconds))
                .collect(Collectors.joining(", "));
        FIGURES.printf("driver %s: of the steady CPU, Java threads %.3f CPU-s per s (%s), the JVM's own (JIT"
                        + " compilers, GC) %.3f%n", driver.name(), javaThreads / 1e9 / seconds, top,
                from.harnessPerSecond(to) - javaThreads / 1e9 / seconds);
    }

    private Step run(int rate, Duration duration) throws Exception {
        String prefix = "/s" + ++steps;
        Target service = Target.all("sink");
        LoadSpec spec = new LoadSpec(driver.name(), new Rate(rate), duration,
                new Endpoint(service, port, prefix + "/tasks"), new Endpoint(service, port, prefix + "/results"),
                DRAIN);
        Path directory = Files.createTempDirectory("faultline-drivers-bench-");
        BenchContext context = new BenchContext(URI.create("http://127.0.0.1:" + port), new Ledger(), new Timeline(),
                "bench-" + driver.name() + "-" + steps, directory);
        List<CpuSample> samples = new ArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                CpuSample sample = sample();
                synchronized (samples) {
                    samples.add(sample);
                }
                try {
                    Thread.sleep(SAMPLE_EVERY_MS); // the sampling interval is the point
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, SAMPLER);
        synchronized (samples) {
            samples.add(sample());
        }
        sampler.setDaemon(true);
        long connectionsBefore = connectionsAccepted();
        sampler.start();
        CpuSample submitted;
        LoadDriver.DrainEnd drained;
        long connections;
        try (LoadDriver.Running running = driver.start(spec, context)) {
            running.awaitSubmitted();
            submitted = sample();
            sampling.set(false);
            sampler.interrupt();
            sampler.join();
            drained = running.drain(DRAIN);
            connections = connectionsAccepted() - connectionsBefore - 1; // less this benchmark's own
        } finally {
            deleteTree(directory);
        }
        Step step = new Step(rate, duration, context.ledger(), context.timeline(), List.copyOf(samples), submitted,
                drained, connections);
        FIGURES.println(step);
        return step;
    }

    /** CPU nanoseconds of each live Java thread so far, by name with its numbers as {@code #}. */
    private static Map<String, Long> threadCpu() {
        long[] ids = THREADS.getAllThreadIds();
        long[] nanos = THREADS.getThreadCpuTime(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<String, Long> cpu = new HashMap<>();
        for (int k = 0; k < ids.length; k++) {
            if (infos[k] != null && nanos[k] >= 0) {
                cpu.merge(infos[k].getThreadName().replaceAll("\\d+", "#"), nanos[k], Long::sum);
            }
        }
        return cpu;
    }

    /** What each group of threads spent between two snapshots (a thread ended in between counts for nothing). */
    private static Map<String, Long> spent(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new HashMap<>();
        after.forEach((name, nanos) -> spent.put(name, Math.max(0, nanos - before.getOrDefault(name, 0L))));
        return spent;
    }

    /** The connections the sink has accepted so far, asked on a connection of its own (counted too). */
    private long connectionsAccepted() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/connections").toURL()
                .openConnection();
        c.setRequestProperty("Connection", "close");
        try (InputStream in = c.getInputStream()) {
            String json = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Long.parseLong(json.replaceAll("[^0-9]", ""));
        } finally {
            c.disconnect();
        }
    }

    private CpuSample sample() {
        long sinkNanos = sink.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        return new CpuSample(System.nanoTime(), OS.getProcessCpuTime(), sinkNanos, threadCpu());
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The harness's and the sink's CPU so far, and that of each group of the harness's live threads. */
    private record CpuSample(long wallNanos, long harnessCpuNanos, long sinkCpuNanos, Map<String, Long> threads) {
        /** The harness process's CPU seconds per wall second until {@code later}, less this benchmark's sampler. */
        double harnessPerSecond(CpuSample later) {
            long sampler = later.threads.getOrDefault(SAMPLER, 0L) - threads.getOrDefault(SAMPLER, 0L);
            return (later.harnessCpuNanos - harnessCpuNanos - sampler) / (double) (later.wallNanos - wallNanos);
        }

        double sinkPerSecond(CpuSample later) {
            return sinkCpuNanos < 0 ? Double.NaN
                    : (later.sinkCpuNanos - sinkCpuNanos) / (double) (later.wallNanos - wallNanos);
        }
    }

    /** One load at one rate, and what the ledger saw of it. */
    private static final class Step {
        final int rate;
        final Duration duration;
        final Timeline timeline;
        final List<CpuSample> samples;
        final CpuSample submittedSample;
        final LoadDriver.DrainEnd drained;
        final long items;
        final long firstSubmit;
        final long lastSubmit;
        final long inDuration;
        final long accepted;
        final long unanswered;
        final long noAnswer;
        final long refused;
        final String anError;
        final Latencies latencies = new Latencies();
        final long connections;

        Step(int rate, Duration duration, Ledger ledger, Timeline timeline, List<CpuSample> samples,
             CpuSample submittedSample, LoadDriver.DrainEnd drained, long connections) {
            this.connections = connections;
            this.rate = rate;
            this.duration = duration;
            this.timeline = timeline;
            this.samples = samples;
            this.submittedSample = submittedSample;
            this.drained = drained;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Ledger.WorkItem item : ledger) {
                first = Math.min(first, item.submittedAt());
                last = Math.max(last, item.submittedAt());
            }
            long n = 0;
            long within = 0;
            long ok = 0;
            long pending = 0;
            long failed = 0;
            long non2xx = 0;
            String error = null;
            for (Ledger.WorkItem item : ledger) {
                n++;
                if (item.submittedAt() - first < duration.toMillis()) {
                    within++;
                }
                if (item.accepted()) {
                    ok++;
                    latencies.add(item.latencyMs());
                } else if (item.answeredAt() < 0) {
                    pending++;
                } else if (item.status() < 0) {
                    failed++;
                    error = error == null ? item.error() : error;
                } else {
                    non2xx++;
                }
            }
            this.items = n;
            this.firstSubmit = first;
            this.lastSubmit = last;
            this.inDuration = within;
            this.accepted = ok;
            this.unanswered = pending;
            this.noAnswer = failed;
            this.refused = non2xx;
            this.anError = error;
        }

        double expected() {
            return rate * (duration.toNanos() / 1e9);
        }

        boolean held() {
            return items > 0 && Math.abs(inDuration - expected()) <= TOLERANCE * expected() && accepted == items;
        }

        long nanosAt(long timelineMs) {
            return timeline.originNanos() + timelineMs * 1_000_000;
        }

        CpuSample sampleAtOrAfter(long nanos) {
            return samples.stream().filter(s -> s.wallNanos - nanos >= 0).findFirst().orElse(submittedSample);
        }

        CpuSample sampleAtOrBefore(long nanos) {
            CpuSample found = samples.get(0);
            for (CpuSample s : samples) {
                if (s.wallNanos - nanos <= 0) {
                    found = s;
                }
            }
            return found;
        }

        @Override
        public String toString() {
            double seconds = duration.toNanos() / 1e9;
            return String.format("  %6d/s x %.0f s: %,d submitted in the load's %.0f s from the first = %.1f/s (%.1f %%"
                            + " of the rate); %,d items, %,d answered 2xx, %d non-2xx, %d without an answer%s, %d"
                            + " unanswered; answer p50 %s ms p99 %s ms; %,d connections opened; harness %.2f CPU-s per s;"
                            + " drain %s: %s",
                    rate, seconds, inDuration, seconds, inDuration / seconds, 100.0 * inDuration / expected(), items,
                    accepted, refused, noAnswer, anError == null ? "" : " (e.g. " + anError + ")", unanswered,
                    latencies.percentile(50), latencies.percentile(99), connections,
                    samples.get(0).harnessPerSecond(submittedSample), drained, held() ? "held" : "NOT held");
        }
    }

    private record BenchContext(URI base, Ledger ledger, Timeline timeline, String runId, Path directory)
            implements LoadDriver.Context {
        @Override
        public URI baseUri(Endpoint endpoint) {
            return base;
        }

        @Override
        public long seed() {
            return 15;
        }
    }
}
