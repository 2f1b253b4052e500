import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Benchmark of the Faultline fault proxy against a direct loopback connection and HAProxy (TCP mode).
 *
 * <p>Run with the JDK's source launcher from the repository root, e.g.
 * {@code java proxy/bench/ProxyBenchmark.java --json /tmp/bench.json}; {@code --help} lists the options.
 * Prints figures; it is not a test and judges nothing by its exit code except whether every leg ran.
 */
public final class ProxyBenchmark {

    private static final String LOOPBACK = "127.0.0.1";
    private static final byte MODE_ECHO = 'E';
    private static final byte MODE_SINK = 'S';
    private static final byte MODE_SOURCE = 'D';

    private final Options opts;
    private final Children children;
    private final Upstream upstream;
    private final Path workDir;
    /** null when the 1-connection chain is not pinned (--pin-single none, or taskset missing) */
    private final Affinity affinity;

    private ProxyBenchmark(Options opts, Children children, Upstream upstream, Path workDir) {
        this.opts = opts;
        this.children = children;
        this.upstream = upstream;
        this.workDir = workDir;
        this.affinity = opts.pinSingle() ? Affinity.detect() : null;
    }

    public static void main(String[] args) throws Exception {
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ProxyBenchmark: " + e.getMessage());
            System.err.println("Run with --help for the options.");
            System.exit(2);
            return;
        }
        if (opts.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        int exitCode;
        Path workDir = Files.createTempDirectory("faultline-bench-");
        try (Children children = Children.withShutdownHook();
             Upstream upstream = Upstream.start(opts.chunkSize())) {
            exitCode = new ProxyBenchmark(opts, children, upstream, workDir).run();
        }
        if (exitCode == 0) {
            deleteQuietly(workDir);
        } else {
            System.out.println("configs and logs of the child processes are kept in " + workDir);
        }
        System.exit(exitCode);
    }

    // ------------------------------------------------------------------------------------------
    // The run: start the legs, measure them round by round, report.
    // ------------------------------------------------------------------------------------------

    private int run() throws Exception {
        printHeader();
        Map<String, LegResult> results = new LinkedHashMap<>();
        Map<String, Leg> legs = new LinkedHashMap<>();
        for (String name : opts.legs()) {
            LegResult result = new LegResult(name);
            results.put(name, result);
            try {
                Leg leg = startLeg(name);
                legs.put(name, leg);
                result.description = leg.description();
                System.out.printf("started  %-9s -> 127.0.0.1:%d  (%s)%n", name, leg.port(), leg.description());
            } catch (Exception e) {
                result.failure = "could not start: " + e.getMessage();
                System.out.printf("FAILED   %-9s %s%n", name, result.failure);
            }
        }
        for (Map.Entry<String, Leg> e : legs.entrySet()) {
            measureGuarded(results.get(e.getKey()), () -> warmUpLeg(e.getValue()));
        }
        for (int round = 1; round <= opts.rounds(); round++) {
            List<String> order = new ArrayList<>(legs.keySet());
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            System.out.printf("round %d/%d: %s%n", round, opts.rounds(), String.join(", ", order));
            for (String name : order) {
                LegResult result = results.get(name);
                if (result.failure == null) {
                    measureGuarded(result, () -> measureRound(legs.get(name), result));
                }
            }
        }
        legs.values().forEach(Leg::close);
        Report report = new Report(opts, results);
        report.print(System.out);
        if (opts.json() != null) {
            Files.writeString(opts.json(), Json.write(report.toJson(describeEnvironment())) + "\n");
            System.out.println("figures written to " + opts.json());
        }
        boolean allRan = results.values().stream().allMatch(r -> r.failure == null);
        return allRan ? 0 : 3;
    }

    private interface Measurement {
        void run() throws Exception;
    }

    private void measureGuarded(LegResult result, Measurement measurement) {
        try {
            measurement.run();
        } catch (Exception e) {
            result.failure = "measurement failed: " + e;
            System.out.printf("FAILED   %-9s %s%n", result.name, result.failure);
        }
    }

    /** Untimed traffic through a freshly started leg so that its JIT and buffers settle before round 1. */
    private void warmUpLeg(Leg leg) throws Exception {
        if (opts.legWarmupSeconds() <= 0) {
            return;
        }
        double share = opts.legWarmupSeconds() / 3;
        Load.closedLoop(leg.port(), opts.connections(), opts.messageSize(), 0, 0, share, hardLimit(share));
        Load.bulk(leg.port(), MODE_SINK, opts.bulkConnections(), opts.chunkSize(), 0, share, upstream.sinkBytes);
        Load.bulk(leg.port(), MODE_SOURCE, opts.bulkConnections(), opts.chunkSize(), 0, share, null);
        upstream.awaitIdle();
    }

    private void measureRound(Leg leg, LegResult result) throws Exception {
        long started = System.nanoTime();
        CpuMeter.Sample cpuBefore = CpuMeter.sample(children.pids());
        StringBuilder line = new StringBuilder();
        if (affinity != null) {
            List<Long> pids = leg.pids();
            affinity.pinToOne(pids);
            try {
                latency(leg, result, Row.single(true), 0, line);
            } finally {
                affinity.unpin(pids);
            }
        }
        latency(leg, result, Row.single(false), 0, line);
        Load.ClosedLoop multi = latency(leg, result, new Row(opts.connections(), false), opts.rrSeconds(), line);
        result.rrOpsPerSecond.add(multi.opsPerSecond());
        result.uploadMBps.add(Load.bulk(leg.port(), MODE_SINK, opts.bulkConnections(), opts.chunkSize(),
                opts.bulkWarmupSeconds(), opts.bulkSeconds(), upstream.sinkBytes));
        upstream.awaitIdle();
        result.downloadMBps.add(Load.bulk(leg.port(), MODE_SOURCE, opts.bulkConnections(), opts.chunkSize(),
                opts.bulkWarmupSeconds(), opts.bulkSeconds(), null));
        upstream.awaitIdle();
        double others = CpuMeter.sample(children.pids()).othersCpusSince(cpuBefore);
        result.othersCpus.add(others);
        System.out.printf("  %-9s p50 %s| %6.0f ops/s | up %6.0f MB/s | down %6.0f MB/s (%.1f s, others %.2f CPUs)%n",
                leg.name(), line, multi.opsPerSecond(), last(result.uploadMBps), last(result.downloadMBps),
                (System.nanoTime() - started) / 1e9, others);
    }

    private Load.ClosedLoop latency(Leg leg, LegResult result, Row row, double minSeconds, StringBuilder line)
            throws Exception {
        Duration limit = hardLimit(minSeconds);
        Load.ClosedLoop run = Load.closedLoop(leg.port(), row.conns(), opts.messageSize(), opts.warmupCount(),
                opts.latencyCount(), minSeconds, limit);
        upstream.awaitIdle();
        result.add(row, run);
        line.append(String.format(Locale.ROOT, "%s %.0f µs ", row.shortLabel(),
                Stats.percentileMicros(run.samples(), 50)));
        if (run.samples().length < opts.latencyCount()) {
            System.out.printf("  %-9s WARNING: %s: only %d of %d round trips were measured within %s%n", leg.name(),
                    row.label(), run.samples().length, opts.latencyCount(), limit);
        }
        return run;
    }

    private static Duration hardLimit(double seconds) {
        return Duration.ofSeconds(60 + (long) Math.ceil(seconds * 2));
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private Leg startLeg(String name) throws Exception {
        return switch (name) {
            case "direct" -> new DirectLeg(upstream.port());
            case "haproxy" -> HaproxyLeg.start(opts, upstream.port(), children, workDir);
            case "faultline" -> FaultlineLeg.start(opts, upstream.port(), children, workDir);
            default -> throw new IllegalArgumentException("unknown leg " + name);
        };
    }

    private void printHeader() {
        System.out.println("Faultline proxy benchmark");
        describeEnvironment().forEach((k, v) -> System.out.printf("  %-22s %s%n", k, v));
        System.out.printf("  %-22s %d B ping-pong, %d warm-up then >= %d timed round trips: 1 conn%s; 1 conn;"
                        + " %d conns for >= %.1f s%n", "latency", opts.messageSize(), opts.warmupCount(),
                opts.latencyCount(), affinity == null ? "" : " all on 1 CPU", opts.connections(), opts.rrSeconds());
        System.out.printf("  %-22s %d conns x %.1f s after %.1f s warm-up, %d B writes, each direction%n",
                "bulk", opts.bulkConnections(), opts.bulkSeconds(), opts.bulkWarmupSeconds(), opts.chunkSize());
        System.out.printf("  %-22s %d (leg order reversed every other round)%n", "rounds", opts.rounds());
    }

    private Map<String, Object> describeEnvironment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", Instant.now().toString());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("client jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("1-conn pinning", affinity == null ? "off" : affinity.describe() + " (taskset)");
        env.put("haproxy", opts.legs().contains("haproxy") ? HaproxyLeg.version(opts.haproxy()) : "not run");
        env.put("faultline", opts.legs().contains("faultline") ? FaultlineLeg.describeCommand(opts) : "not run");
        return env;
    }

    // ------------------------------------------------------------------------------------------
    // Options
    // ------------------------------------------------------------------------------------------

    record Options(boolean help, int rounds, int messageSize, int warmupCount, int latencyCount, int connections,
                   double rrSeconds, int bulkConnections, double bulkSeconds, double bulkWarmupSeconds,
                   int chunkSize, double legWarmupSeconds, List<String> legs, Path jar, List<String> faultlineCmd,
                   String haproxy, Path json, double targetAddedP50Micros, double targetThroughputPercent,
                   double startupTimeoutSeconds, boolean pinSingle, List<String> haproxyGlobal) {

        static final List<String> ALL_LEGS = List.of("direct", "haproxy", "faultline");

        static final String USAGE = """
                usage: java proxy/bench/ProxyBenchmark.java [options]      (from the repository root)

                Measures three legs to an in-process upstream on 127.0.0.1: direct, HAProxy (mode tcp),
                and the Faultline proxy (child process, one proxy created through the Toxiproxy API).

                  --rounds N                 rounds over all legs, order reversed every other round (2)
                  --message-size B           ping-pong message size in bytes (64)
                  --warmup-count N           warm-up round trips before each latency run (5000)
                  --latency-count N          measured round trips per latency run, at least (20000)
                  --connections N            concurrent connections of the multi-connection run (8)
                  --rr-seconds S             duration of the multi-connection run, at least (3)
                  --bulk-connections N       connections of each bulk transfer (4)
                  --bulk-seconds S           measured seconds of each bulk transfer (3)
                  --bulk-warmup-seconds S    unmeasured seconds before each bulk transfer (1)
                  --chunk-size B             bulk write/read size in bytes (65536)
                  --leg-warmup-seconds S     untimed traffic through each leg right after it starts, so
                                             that a JVM proxy is JIT-compiled before round 1 (6)
                  --legs a,b,c               which legs to run (direct,haproxy,faultline)
                  --jar PATH                 Faultline proxy jar (proxy/target/faultline-proxy.jar)
                  --faultline-cmd "CMD ARGS" start the Faultline leg with this command instead of
                                             'java -jar JAR'; '-host 127.0.0.1 -port N' is appended
                  --haproxy PATH             haproxy executable (haproxy)
                  --haproxy-global "A; B"    extra lines for haproxy's global section, ';'-separated,
                                             e.g. "tune.bufsize 65536" (none: HAProxy's defaults)
                  --json FILE                also write all figures as JSON to FILE
                  --target-added-p50-us X    target for Faultline's added p50, 1 connection (100)
                  --target-throughput-pct X  target for Faultline's throughput as % of HAProxy's (80)
                  --startup-timeout-seconds S  how long a child may take to become ready (60)
                  --pin-single one-cpu|none  also measure the 1-connection ping-pong with the client, the
                                             upstream and the leg's process all pinned to one CPU
                                             (taskset); the latency target is judged on it (one-cpu)
                  --help                     this text

                Exit status: 0 all legs ran (whether or not targets were met), 2 bad options,
                3 a leg could not be started or measured.""";

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    help = true;
                    continue;
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("expected an option starting with -- but was '" + arg + "'");
                }
                String name;
                String value;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(2, eq);
                    value = arg.substring(eq + 1);
                } else {
                    name = arg.substring(2);
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                given.put(name, value);
            }
            Reader r = new Reader(given);
            Options o = new Options(help,
                    r.integer("rounds", 2, 1),
                    r.integer("message-size", 64, 1),
                    r.integer("warmup-count", 5000, 0),
                    r.integer("latency-count", 20000, 1),
                    r.integer("connections", 8, 1),
                    r.decimal("rr-seconds", 3, 0),
                    r.integer("bulk-connections", 4, 1),
                    r.decimal("bulk-seconds", 3, 0.1),
                    r.decimal("bulk-warmup-seconds", 1, 0),
                    r.integer("chunk-size", 65536, 1),
                    r.decimal("leg-warmup-seconds", 6, 0),
                    r.legs(),
                    Path.of(r.string("jar", "proxy/target/faultline-proxy.jar")),
                    r.command("faultline-cmd"),
                    r.string("haproxy", "haproxy"),
                    r.path("json"),
                    r.decimal("target-added-p50-us", 100, 0),
                    r.decimal("target-throughput-pct", 80, 0),
                    r.decimal("startup-timeout-seconds", 60, 1),
                    r.choice("pin-single", List.of("one-cpu", "none"), "one-cpu").equals("one-cpu"),
                    r.lines("haproxy-global"));
            if (o.messageSize() > Upstream.ECHO_BUFFER) {
                throw new IllegalArgumentException("--message-size must be at most " + Upstream.ECHO_BUFFER
                        + ", but was " + o.messageSize());
            }
            r.rejectUnknown();
            return o;
        }

        /** Reads named option values, each checked as it is read; names left over are unknown options. */
        private static final class Reader {
            private final Map<String, String> given;

            Reader(Map<String, String> given) {
                this.given = new LinkedHashMap<>(given);
            }

            int integer(String name, int dflt, int min) {
                String v = given.remove(name);
                if (v == null) {
                    return dflt;
                }
                int n;
                try {
                    n = Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + name + " must be a whole number, but was '" + v + "'");
                }
                if (n < min) {
                    throw new IllegalArgumentException("--" + name + " must be at least " + min + ", but was " + n);
                }
                return n;
            }

            double decimal(String name, double dflt, double min) {
                String v = given.remove(name);
                if (v == null) {
                    return dflt;
                }
                double d;
                try {
                    d = Double.parseDouble(v.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + name + " must be a number, but was '" + v + "'");
                }
                if (!(d >= min) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("--" + name + " must be at least " + min + ", but was " + v);
                }
                return d;
            }

            String string(String name, String dflt) {
                String v = given.remove(name);
                return v == null ? dflt : v;
            }

            String choice(String name, List<String> allowed, String dflt) {
                String v = given.remove(name);
                if (v == null) {
                    return dflt;
                }
                if (!allowed.contains(v)) {
                    throw new IllegalArgumentException("--" + name + ": expected one of " + String.join(", ", allowed)
                            + " but was '" + v + "'");
                }
                return v;
            }

            List<String> lines(String name) {
                String v = given.remove(name);
                if (v == null) {
                    return List.of();
                }
                List<String> lines = Arrays.stream(v.split(";")).map(String::trim).filter(l -> !l.isEmpty()).toList();
                for (String line : lines) {
                    if (line.contains("\n") || line.contains("\r")) {
                        throw new IllegalArgumentException("--" + name + " must not contain line breaks, but was '" + v + "'");
                    }
                }
                return lines;
            }

            Path path(String name) {
                String v = given.remove(name);
                return v == null ? null : Path.of(v);
            }

            List<String> command(String name) {
                String v = given.remove(name);
                if (v == null) {
                    return null;
                }
                List<String> words = Arrays.stream(v.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                if (words.isEmpty()) {
                    throw new IllegalArgumentException("--" + name + " must name a command, but was empty");
                }
                return words;
            }

            List<String> legs() {
                String v = given.remove("legs");
                if (v == null) {
                    return ALL_LEGS;
                }
                List<String> legs = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .distinct().toList();
                for (String leg : legs) {
                    if (!ALL_LEGS.contains(leg)) {
                        throw new IllegalArgumentException("--legs: expected some of " + String.join(", ", ALL_LEGS)
                                + " but was '" + leg + "'");
                    }
                }
                if (legs.isEmpty()) {
                    throw new IllegalArgumentException("--legs must name at least one leg, but was '" + v + "'");
                }
                // keep the canonical order so tables read the same whatever order was given
                return ALL_LEGS.stream().filter(legs::contains).toList();
            }

            void rejectUnknown() {
                if (!given.isEmpty()) {
                    throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // The upstream: one port; the first byte of a connection picks echo, sink or source.
    // ------------------------------------------------------------------------------------------

    static final class Upstream implements AutoCloseable {
        static final int ECHO_BUFFER = 64 * 1024;

        final LongAdder sinkBytes = new LongAdder();
        private final ServerSocket server;
        private final int chunkSize;
        private final AtomicInteger active = new AtomicInteger();
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        private Upstream(ServerSocket server, int chunkSize) {
            this.server = server;
            this.chunkSize = chunkSize;
        }

        static Upstream start(int chunkSize) throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 512);
            Upstream upstream = new Upstream(server, chunkSize);
            daemon("upstream-accept", upstream::acceptLoop).start();
            return upstream;
        }

        int port() {
            return server.getLocalPort();
        }

        /** Waits until connections of the previous measurement have been closed through the leg. */
        void awaitIdle() {
            Poll.until(() -> active.get() == 0, Duration.ofSeconds(5), Duration.ofMillis(2));
        }

        private void acceptLoop() {
            while (!closed) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    active.incrementAndGet();
                    sockets.add(s);
                    daemon("upstream-conn", () -> serve(s)).start();
                } catch (IOException e) {
                    if (!closed) {
                        System.err.println("upstream: accept failed: " + e);
                    }
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                int mode = in.read();
                switch (mode) {
                    case MODE_ECHO -> echo(in, out);
                    case MODE_SINK -> sink(in);
                    case MODE_SOURCE -> source(in, out);
                    default -> { } // -1: a readiness probe connected and went away
                }
            } catch (IOException e) {
                // the client (or the proxy in between) closed the connection; expected at the end of a phase
            } finally {
                sockets.remove(s);
                active.decrementAndGet();
            }
        }

        private static void echo(InputStream in, OutputStream out) throws IOException {
            byte[] buf = new byte[ECHO_BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        }

        private void sink(InputStream in) throws IOException {
            byte[] buf = new byte[Math.max(chunkSize, 64 * 1024)];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sinkBytes.add(n);
            }
        }

        private void source(InputStream in, OutputStream out) throws IOException {
            byte[] buf = new byte[chunkSize];
            Arrays.fill(buf, (byte) 'x');
            daemon("upstream-source-eof", () -> {
                try {
                    while (in.read() >= 0) {
                        // nothing is expected from the client; EOF ends the transfer
                    }
                } catch (IOException ignored) {
                    // closed
                } finally {
                    closeQuietly(out);
                }
            }).start();
            while (true) {
                out.write(buf);
            }
        }

        @Override
        public void close() {
            closed = true;
            closeQuietly(server);
            sockets.forEach(ProxyBenchmark::closeQuietly);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Load generators
    // ------------------------------------------------------------------------------------------

    static final class Load {
        private Load() {
        }

        record ClosedLoop(long[] samples, double opsPerSecond) {
        }

        /**
         * Ping-pong of {@code size}-byte messages on {@code conns} connections, each waiting for its echo before
         * sending the next. After {@code warmupTotal} unmeasured round trips (shared out over the connections),
         * each connection measures until at least {@code minSeconds} have passed and it has timed its share of
         * {@code minCount} round trips, or {@code limit} is reached. The workers decide for themselves when to stop,
         * so nothing else wakes up on the machine while they measure.
         */
        static ClosedLoop closedLoop(int port, int conns, int size, int warmupTotal, int minCount, double minSeconds,
                                     Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            Shared shared = new Shared(conns, (minCount + conns - 1) / conns, (long) (minSeconds * 1e9), deadline);
            int warmupEach = (warmupTotal + conns - 1) / conns;
            List<PingPong> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            try {
                for (int i = 0; i < conns; i++) {
                    workers.add(new PingPong(connect(port, MODE_ECHO), size, warmupEach, shared));
                }
                for (PingPong w : workers) {
                    Thread t = daemon("ping-pong", w);
                    threads.add(t);
                    t.start();
                }
                boolean warmedUp = shared.warmedUp.await(limit.toNanos(), TimeUnit.NANOSECONDS);
                rethrow(shared.failure, "warm-up");
                if (!warmedUp) {
                    throw new IOException("warm-up of " + warmupTotal + " round trips did not finish within " + limit);
                }
                shared.start = System.nanoTime();
                shared.go.countDown();
                shared.done.await(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(10),
                        TimeUnit.NANOSECONDS);
                rethrow(shared.failure, "measurement");
                double opsPerSecond = 0;
                for (PingPong w : workers) {
                    opsPerSecond += w.n / ((w.end - shared.start) / 1e9);
                }
                long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.samples, 0, w.n)).toArray();
                return new ClosedLoop(all, opsPerSecond);
            } finally {
                shared.stop = true;
                shared.go.countDown();
                workers.forEach(w -> closeQuietly(w.socket));
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }

        /** What the ping-pong workers of one run share: latches, stop rule, first failure. */
        private static final class Shared {
            final CountDownLatch warmedUp;
            final CountDownLatch go = new CountDownLatch(1);
            final CountDownLatch done;
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final int minEach;
            final long minNanos;
            final long deadline;
            volatile long start;
            volatile boolean stop;

            Shared(int conns, int minEach, long minNanos, long deadline) {
                this.warmedUp = new CountDownLatch(conns);
                this.done = new CountDownLatch(conns);
                this.minEach = minEach;
                this.minNanos = minNanos;
                this.deadline = deadline;
            }

            void fail(Throwable t) {
                if (!stop) {
                    failure.compareAndSet(null, t);
                }
                stop = true;
            }
        }

        private static final class PingPong implements Runnable {
            final Socket socket;
            private final byte[] out;
            private final byte[] in;
            private final int warmup;
            private final Shared shared;
            long[] samples = new long[1 << 15];
            int n;
            long end;

            PingPong(Socket socket, int size, int warmup, Shared shared) {
                this.socket = socket;
                this.out = new byte[size];
                this.in = new byte[size];
                Arrays.fill(out, (byte) 'p');
                this.warmup = warmup;
                this.shared = shared;
            }

            @Override
            public void run() {
                try {
                    OutputStream o = socket.getOutputStream();
                    InputStream i = socket.getInputStream();
                    try {
                        for (int k = 0; k < warmup; k++) {
                            o.write(out);
                            readFully(i, in);
                        }
                    } finally {
                        shared.warmedUp.countDown();
                    }
                    shared.go.await();
                    long start = shared.start;
                    long now = start;
                    while (!shared.stop) {
                        long t0 = System.nanoTime();
                        o.write(out);
                        readFully(i, in);
                        now = System.nanoTime();
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = now - t0;
                        if ((n >= shared.minEach && now - start >= shared.minNanos) || now >= shared.deadline) {
                            break;
                        }
                    }
                    end = now;
                } catch (Throwable t) {
                    shared.fail(t);
                } finally {
                    shared.done.countDown();
                }
            }
        }

        /**
         * Bulk one-way transfer on {@code conns} connections: {@link #MODE_SINK} writes to the upstream (counted
         * where it arrives, in {@code sinkBytes}), {@link #MODE_SOURCE} reads from it (counted by the client).
         * Returns MB/s (10^6 bytes per second) over the measured window after {@code warmupSeconds}.
         */
        static double bulk(int port, byte mode, int conns, int chunk, double warmupSeconds, double seconds,
                           LongAdder sinkBytes) throws Exception {
            LongAdder received = new LongAdder();
            LongAdder counter = mode == MODE_SINK ? sinkBytes : received;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch failed = new CountDownLatch(1);
            AtomicBoolean stopping = new AtomicBoolean();
            java.util.function.Consumer<Throwable> fail = t -> {
                if (!stopping.get()) {
                    failure.compareAndSet(null, t);
                    failed.countDown();
                }
            };
            List<Socket> sockets = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            try {
                for (int i = 0; i < conns; i++) {
                    sockets.add(connect(port, mode));
                }
                for (Socket s : sockets) {
                    Runnable body = mode == MODE_SINK ? () -> {
                        byte[] buf = new byte[chunk];
                        Arrays.fill(buf, (byte) 'u');
                        try {
                            OutputStream o = s.getOutputStream();
                            while (true) {
                                o.write(buf);
                            }
                        } catch (Throwable t) {
                            fail.accept(t);
                        }
                    } : () -> {
                        byte[] buf = new byte[chunk];
                        try {
                            InputStream in = s.getInputStream();
                            int n;
                            while ((n = in.read(buf)) >= 0) {
                                received.add(n);
                            }
                            fail.accept(new IOException("upstream closed the download early"));
                        } catch (Throwable t) {
                            fail.accept(t);
                        }
                    };
                    Thread t = daemon("bulk", body);
                    threads.add(t);
                    t.start();
                }
                // The waits below are the measurement's duration; a failure ends them early.
                failed.await((long) (warmupSeconds * 1e9), TimeUnit.NANOSECONDS);
                rethrow(failure, "bulk warm-up");
                long c0 = counter.sum();
                long t0 = System.nanoTime();
                failed.await((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
                long c1 = counter.sum();
                long t1 = System.nanoTime();
                rethrow(failure, "bulk transfer");
                return (c1 - c0) / 1e6 / ((t1 - t0) / 1e9);
            } finally {
                stopping.set(true);
                sockets.forEach(ProxyBenchmark::closeQuietly);
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }

        private static Socket connect(int port, byte mode) throws IOException {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 5000);
                s.getOutputStream().write(mode);
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                throw new IOException("cannot connect to 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
        }

        private static void readFully(InputStream in, byte[] buf) throws IOException {
            int off = 0;
            while (off < buf.length) {
                int n = in.read(buf, off, buf.length - off);
                if (n < 0) {
                    throw new IOException("connection closed after " + off + " of " + buf.length + " echoed bytes");
                }
                off += n;
            }
        }

        private static void rethrow(AtomicReference<Throwable> failure, String phase) throws IOException {
            Throwable t = failure.get();
            if (t != null) {
                throw new IOException(phase + ": " + t, t);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Legs
    // ------------------------------------------------------------------------------------------

    interface Leg {
        String name();

        int port();

        String description();

        /** The processes that forward this leg's traffic (not counting this one). */
        List<Long> pids();

        void close();

        static List<Long> pidsOf(Process p) {
            List<Long> pids = new ArrayList<>();
            pids.add(p.pid());
            p.descendants().forEach(h -> pids.add(h.pid()));
            return pids;
        }
    }

    record DirectLeg(int port) implements Leg {
        public String name() {
            return "direct";
        }

        public String description() {
            return "loopback, no proxy";
        }

        public List<Long> pids() {
            return List.of();
        }

        public void close() {
        }
    }

    record HaproxyLeg(int port, Process process, String description) implements Leg {
        public String name() {
            return "haproxy";
        }

        public List<Long> pids() {
            return Leg.pidsOf(process);
        }

        public void close() {
            Children.stop(process);
        }

        static HaproxyLeg start(Options opts, int upstreamPort, Children children, Path workDir) throws Exception {
            int port = freePort();
            int threads = Runtime.getRuntime().availableProcessors();
            String config = """
                    global
                        nbthread %d
                        maxconn 4096
                    %s

                    defaults
                        mode tcp
                        timeout connect 5s
                        timeout client 60s
                        timeout server 60s

                    frontend bench_in
                        bind 127.0.0.1:%d
                        default_backend bench_upstream

                    backend bench_upstream
                        server upstream 127.0.0.1:%d
                    """.formatted(threads, opts.haproxyGlobal().stream().map(l -> "    " + l + "\n")
                    .reduce("", String::concat), port, upstreamPort);
            Path cfg = workDir.resolve("haproxy.cfg");
            Files.writeString(cfg, config);
            Path log = workDir.resolve("haproxy.log");
            Process p = children.start(List.of(opts.haproxy(), "-db", "-f", cfg.toString()), log);
            Duration timeout = Duration.ofSeconds((long) opts.startupTimeoutSeconds());
            boolean ready = Poll.until(() -> !p.isAlive() || canConnect(port), timeout);
            if (!p.isAlive() || !ready) {
                Children.stop(p);
                throw new IOException("haproxy did not listen on 127.0.0.1:" + port + " within " + timeout
                        + (p.isAlive() ? "" : " (exited " + p.exitValue() + ")") + "; config " + cfg + "; log: "
                        + tail(log));
            }
            String tuning = opts.haproxyGlobal().isEmpty() ? "" : ", " + String.join(", ", opts.haproxyGlobal());
            return new HaproxyLeg(port, p, "mode tcp, nbthread " + threads + tuning + ", pid " + p.pid());
        }

        static String version(String haproxy) {
            try {
                Process p = new ProcessBuilder(haproxy, "-v").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(5, TimeUnit.SECONDS);
                return out.lines().findFirst().orElse("?").trim();
            } catch (IOException | InterruptedException e) {
                return "not found (" + e.getMessage() + ")";
            }
        }
    }

    record FaultlineLeg(int port, Process process, String description) implements Leg {
        public String name() {
            return "faultline";
        }

        public List<Long> pids() {
            return Leg.pidsOf(process);
        }

        public void close() {
            Children.stop(process);
        }

        static List<String> command(Options opts, Path jar) {
            if (opts.faultlineCmd() != null) {
                return opts.faultlineCmd();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            return List.of(java, "-jar", jar.toString());
        }

        static String describeCommand(Options opts) {
            String cmd = String.join(" ", command(opts, opts.jar()));
            if (opts.faultlineCmd() == null && Files.exists(opts.jar())) {
                try {
                    cmd += "  (jar built " + Files.getLastModifiedTime(opts.jar()) + ")";
                } catch (IOException ignored) {
                    // the description goes without the date
                }
            }
            return cmd;
        }

        static FaultlineLeg start(Options opts, int upstreamPort, Children children, Path workDir) throws Exception {
            if (opts.faultlineCmd() == null && !Files.isRegularFile(opts.jar())) {
                throw new IOException("no proxy jar at " + opts.jar().toAbsolutePath() + "; build it from the "
                        + "repository root with 'mvn -B -q -pl proxy package -DskipTests', or run proxy/bench/run.sh");
            }
            // Run a copy, so that a colleague's rebuild of proxy/target during the run cannot pull classes
            // out from under the running JVM.
            Path jar = opts.jar();
            if (opts.faultlineCmd() == null) {
                jar = workDir.resolve("faultline-proxy.jar");
                Files.copy(opts.jar(), jar);
            }
            int apiPort = freePort();
            int listenPort = freePort();
            List<String> cmd = new ArrayList<>(command(opts, jar));
            cmd.addAll(List.of("-host", LOOPBACK, "-port", Integer.toString(apiPort)));
            Path log = workDir.resolve("faultline.log");
            Process p = children.start(cmd, log);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1)).build();
            URI api = URI.create("http://127.0.0.1:" + apiPort);
            Duration timeout = Duration.ofSeconds((long) opts.startupTimeoutSeconds());
            AtomicReference<String> version = new AtomicReference<>();
            boolean up = Poll.until(() -> {
                if (!p.isAlive()) {
                    return true;
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/version"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        version.set(r.body().trim());
                        return true;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
                return false;
            }, timeout, Duration.ofMillis(50));
            if (!p.isAlive()) {
                throw new IOException("'" + String.join(" ", cmd) + "' exited with " + p.exitValue()
                        + " before GET /version answered; its output: " + tail(log));
            }
            if (!up || version.get() == null) {
                Children.stop(p);
                throw new IOException("GET " + api.resolve("/version") + " did not answer 200 within " + timeout
                        + "; output: " + tail(log));
            }
            String body = """
                    {"name":"bench","listen":"127.0.0.1:%d","upstream":"127.0.0.1:%d","enabled":true}"""
                    .formatted(listenPort, upstreamPort);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(api.resolve("/proxies"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                Children.stop(p);
                throw new IOException("POST /proxies " + body + " answered " + created.statusCode()
                        + " (expected 201): " + created.body());
            }
            boolean listening = Poll.until(() -> !p.isAlive() || canConnect(listenPort), timeout);
            if (!listening || !p.isAlive()) {
                Children.stop(p);
                throw new IOException("proxy 'bench' was created but 127.0.0.1:" + listenPort
                        + " does not accept connections; output: " + tail(log));
            }
            String v = version.get().length() > 60 ? version.get().substring(0, 60) + "..." : version.get();
            return new FaultlineLeg(listenPort, p, "version " + v + ", api 127.0.0.1:" + apiPort + ", pid " + p.pid());
        }
    }

    // ------------------------------------------------------------------------------------------
    // CPU affinity for the 1-connection chain
    // ------------------------------------------------------------------------------------------

    /**
     * Pins this process and a leg's processes (every thread) to one CPU and back, with taskset. A 1-connection
     * ping-pong is a chain in which one thread runs at a time; on a VM, each hop to a thread that waits on the
     * other vCPU costs a cross-CPU wake-up that is far dearer than on bare metal, and whether a hop crosses CPUs
     * is the scheduler's choice, so unpinned p50s flip between two modes from run to run.
     */
    static final class Affinity {
        private final String all;
        private final String one;

        private Affinity(String all, String one) {
            this.all = all;
            this.one = one;
        }

        static Affinity detect() {
            try {
                String out = taskset("-c", "-p", Long.toString(ProcessHandle.current().pid()));
                String all = out.substring(out.lastIndexOf(':') + 1).trim();
                String one = all.split("[,-]")[0];
                return new Affinity(all, one);
            } catch (IOException e) {
                System.out.println("note: taskset is not usable (" + e.getMessage()
                        + "); the pinned 1-connection run is skipped");
                return null;
            }
        }

        String describe() {
            return "CPU " + one + " of " + all;
        }

        void pinToOne(List<Long> pids) throws IOException {
            set(pids, one);
        }

        void unpin(List<Long> pids) throws IOException {
            set(pids, all);
        }

        private static void set(List<Long> pids, String cpus) throws IOException {
            List<Long> all = new ArrayList<>(pids);
            all.add(0, ProcessHandle.current().pid());
            for (long pid : all) {
                IOException last = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        taskset("-a", "-c", "-p", cpus, Long.toString(pid));
                        last = null;
                        break;
                    } catch (IOException e) {
                        last = e; // a thread may have exited while taskset walked the list; try again
                    }
                }
                if (last != null) {
                    throw last;
                }
            }
        }

        private static String taskset(String... args) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add("taskset");
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", cmd), e);
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------
    // How much CPU the rest of the machine took while we measured
    // ------------------------------------------------------------------------------------------

    /** Reads /proc: busy CPU time of the whole machine minus that of this benchmark's processes. */
    static final class CpuMeter {
        private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

        private CpuMeter() {
        }

        record Sample(long nanos, long machineBusyTicks, long ourTicks, boolean valid) {
            /** Average number of CPUs that other processes kept busy since {@code before}; NaN if unknown. */
            double othersCpusSince(Sample before) {
                if (!valid || !before.valid) {
                    return Double.NaN;
                }
                double seconds = (nanos - before.nanos) / 1e9;
                long others = (machineBusyTicks - before.machineBusyTicks) - (ourTicks - before.ourTicks);
                return Math.max(0, others / TICKS_PER_SECOND / seconds);
            }
        }

        static Sample sample(List<Long> pids) {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal ...
                long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                        + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
                long ours = 0;
                for (long pid : pids) {
                    ours += processTicks(pid);
                }
                return new Sample(System.nanoTime(), busy, ours, true);
            } catch (IOException | RuntimeException e) {
                return new Sample(System.nanoTime(), 0, 0, false);
            }
        }

        private static long processTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // f[0] is field 3 (state): utime, stime, cutime, cstime are fields 14..17
                return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                return 0; // the process has gone
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Child processes: every one is stopped on exit, including on exceptions and Ctrl-C.
    // ------------------------------------------------------------------------------------------

    static final class Children implements AutoCloseable {
        private final List<Process> processes = new CopyOnWriteArrayList<>();

        static Children withShutdownHook() {
            Children children = new Children();
            Runtime.getRuntime().addShutdownHook(new Thread(children::stopAll, "stop-children"));
            return children;
        }

        Process start(List<String> command, Path log) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            processes.add(p);
            return p;
        }

        void stopAll() {
            processes.forEach(Children::stop);
        }

        /** This process, its children and their descendants. */
        List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            pids.add(ProcessHandle.current().pid());
            for (Process p : processes) {
                if (p.isAlive()) {
                    pids.addAll(Leg.pidsOf(p));
                }
            }
            return pids;
        }

        /** SIGTERM to the process and its descendants, SIGKILL for whatever is left after 5 s. */
        static void stop(Process p) {
            List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
            all.add(p.toHandle());
            all.forEach(ProcessHandle::destroy);
            Poll.until(() -> all.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(5),
                    Duration.ofMillis(20));
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }

        @Override
        public void close() {
            stopAll();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Results and report
    // ------------------------------------------------------------------------------------------

    /** One latency measurement: how many connections, and whether the chain was pinned to one CPU. */
    record Row(int conns, boolean pinned) {
        static Row single(boolean pinned) {
            return new Row(1, pinned);
        }

        String label() {
            return conns + (conns == 1 ? " conn" : " conns") + (pinned ? ", all on 1 CPU" : "");
        }

        String shortLabel() {
            return conns + "c" + (pinned ? "/1cpu" : "");
        }

        String key() {
            return conns + "_conn" + (pinned ? "_1cpu" : "");
        }
    }

    static final class LegResult {
        final String name;
        String description = "";
        String failure;
        /** latency samples (ns) per row, one array per round */
        final Map<Row, List<long[]>> samples = new LinkedHashMap<>();
        final List<Double> rrOpsPerSecond = new ArrayList<>();
        final List<Double> uploadMBps = new ArrayList<>();
        final List<Double> downloadMBps = new ArrayList<>();
        /** CPUs used on average by processes other than this benchmark and its children, per round */
        final List<Double> othersCpus = new ArrayList<>();

        LegResult(String name) {
            this.name = name;
        }

        void add(Row row, Load.ClosedLoop run) {
            samples.computeIfAbsent(row, k -> new ArrayList<>()).add(run.samples());
        }

        boolean ok() {
            return failure == null && !downloadMBps.isEmpty();
        }

        long[] merged(Row row) {
            List<long[]> rounds = samples.getOrDefault(row, List.of());
            long[] all = rounds.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return all;
        }
    }

    static final class Stats {
        private Stats() {
        }

        /** Nearest-rank percentile of unsorted or sorted samples, in microseconds. */
        static double percentileMicros(long[] samples, double p) {
            if (samples.length == 0) {
                return Double.NaN;
            }
            long[] sorted = samples;
            if (!isSorted(samples)) {
                sorted = samples.clone();
                Arrays.sort(sorted);
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
        }

        private static boolean isSorted(long[] a) {
            for (int i = 1; i < a.length; i++) {
                if (a[i - 1] > a[i]) {
                    return false;
                }
            }
            return true;
        }

        static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        static double mean(List<Double> values) {
            return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
    }

    static final class Report {
        /** Above this average foreign CPU use during a leg's round, the report warns that figures are disturbed. */
        static final double OTHERS_WARNING_CPUS = 0.2;

        private final Options opts;
        private final Map<String, LegResult> results;
        private final List<Row> rows;

        Report(Options opts, Map<String, LegResult> results) {
            this.opts = opts;
            this.results = results;
            this.rows = results.values().stream().flatMap(r -> r.samples.keySet().stream()).distinct().toList();
        }

        private LegResult ok(String name) {
            LegResult r = results.get(name);
            return r != null && r.ok() ? r : null;
        }

        private double pct(String leg, Row row, double p) {
            LegResult r = ok(leg);
            return r == null ? Double.NaN : Stats.percentileMicros(r.merged(row), p);
        }

        private double figureOf(String leg, ToDoubleFunction<LegResult> f) {
            LegResult r = ok(leg);
            return r == null ? Double.NaN : f.applyAsDouble(r);
        }

        double added(String leg, Row row, double p) {
            return pct(leg, row, p) - pct("direct", row, p);
        }

        // Throughput is judged on the best round: other processes' load only ever takes throughput away,
        // so the best round is the least disturbed estimate of what the leg can do.
        double upload(String leg) {
            return figureOf(leg, r -> Stats.max(r.uploadMBps));
        }

        double download(String leg) {
            return figureOf(leg, r -> Stats.max(r.downloadMBps));
        }

        double rr(String leg) {
            return figureOf(leg, r -> Stats.max(r.rrOpsPerSecond));
        }

        /** The row the latency target is judged on: the pinned 1-connection chain when it was measured. */
        Row targetRow() {
            return rows.contains(Row.single(true)) ? Row.single(true) : Row.single(false);
        }

        List<Target> targets() {
            Row row = targetRow();
            return List.of(
                    Target.atMost("Faultline added p50, " + row.label(), added("faultline", row, 50),
                            opts.targetAddedP50Micros(), "µs"),
                    Target.atLeast("Faultline upload MB/s, % of HAProxy's",
                            100 * upload("faultline") / upload("haproxy"), opts.targetThroughputPercent(), "%"),
                    Target.atLeast("Faultline download MB/s, % of HAProxy's",
                            100 * download("faultline") / download("haproxy"), opts.targetThroughputPercent(), "%"),
                    Target.atLeast("Faultline rr ops/s, % of HAProxy's",
                            100 * rr("faultline") / rr("haproxy"), opts.targetThroughputPercent(), "%"));
        }

        void print(java.io.PrintStream out) {
            out.println();
            out.printf("Round-trip latency, %d B ping-pong, µs (rounds merged; nearest-rank percentiles)%n",
                    opts.messageSize());
            out.printf("%-10s %-21s %8s %8s %8s %8s %8s   %s%n", "leg", "connections", "p50", "p90", "p99",
                    "p99.9", "samples", "p50 ; p99 by round");
            for (LegResult r : results.values()) {
                if (!r.ok()) {
                    out.printf("%-10s %s%n", r.name, r.failure == null ? "not measured" : r.failure);
                    continue;
                }
                for (Row row : r.samples.keySet()) {
                    long[] all = r.merged(row);
                    String byRound = String.join(" ", r.samples.get(row).stream()
                            .map(s -> fmt(Stats.percentileMicros(s, 50), 1)).toList()) + " ; "
                            + String.join(" ", r.samples.get(row).stream()
                            .map(s -> fmt(Stats.percentileMicros(s, 99), 0)).toList());
                    out.printf("%-10s %-21s %8s %8s %8s %8s %8d   %s%n", r.name, row.label(),
                            fmt(Stats.percentileMicros(all, 50), 1), fmt(Stats.percentileMicros(all, 90), 1),
                            fmt(Stats.percentileMicros(all, 99), 1), fmt(Stats.percentileMicros(all, 99.9), 1),
                            all.length, byRound);
                }
            }
            out.println();
            out.println("Throughput, all CPUs (best round; every round after '|')");
            out.printf("%-10s %16s %18s %20s %12s   %s%n", "leg", "rr ops/s, " + opts.connections() + "c",
                    "upload MB/s, " + opts.bulkConnections() + "c", "download MB/s, " + opts.bulkConnections() + "c",
                    "others CPUs", "| rr ; upload ; download by round");
            double worstOthers = 0;
            for (LegResult r : results.values()) {
                if (r.ok()) {
                    double others = Stats.mean(r.othersCpus);
                    worstOthers = Math.max(worstOthers, Double.isNaN(others) ? 0 : others);
                    out.printf("%-10s %16s %18s %20s %12s   | %s ; %s ; %s%n", r.name,
                            fmt(Stats.max(r.rrOpsPerSecond), 0), fmt(Stats.max(r.uploadMBps), 1),
                            fmt(Stats.max(r.downloadMBps), 1), fmt(others, 2),
                            join(r.rrOpsPerSecond, 0), join(r.uploadMBps, 1), join(r.downloadMBps, 1));
                }
            }
            if (worstOthers > OTHERS_WARNING_CPUS) {
                out.printf("WARNING: other processes kept up to %.2f of %d CPUs busy while a leg was measured; the "
                        + "figures are disturbed. Re-run on an idle machine.%n", worstOthers,
                        Runtime.getRuntime().availableProcessors());
            }
            if (ok("direct") != null && (ok("haproxy") != null || ok("faultline") != null)) {
                out.println();
                out.println("Added round-trip latency vs direct, µs");
                StringBuilder head = new StringBuilder(String.format("%-10s", "leg"));
                for (Row row : rows) {
                    head.append(String.format(" %14s %14s", "p50 " + row.shortLabel(), "p99 " + row.shortLabel()));
                }
                out.println(head);
                for (String leg : List.of("haproxy", "faultline")) {
                    if (ok(leg) != null) {
                        StringBuilder line = new StringBuilder(String.format("%-10s", leg));
                        for (Row row : rows) {
                            line.append(String.format(" %14s %14s", fmt(added(leg, row, 50), 1),
                                    fmt(added(leg, row, 99), 1)));
                        }
                        out.println(line);
                    }
                }
            }
            if (ok("faultline") != null && ok("haproxy") != null) {
                out.println();
                out.printf("Faultline vs HAProxy: added p50 (%s) %s µs vs %s µs; throughput %s %% (rr), %s %% (upload), %s %% (download)%n",
                        targetRow().label(), fmt(added("faultline", targetRow(), 50), 1),
                        fmt(added("haproxy", targetRow(), 50), 1), fmt(100 * rr("faultline") / rr("haproxy"), 0),
                        fmt(100 * upload("faultline") / upload("haproxy"), 0),
                        fmt(100 * download("faultline") / download("haproxy"), 0));
            }
            out.println();
            out.println("Targets");
            out.printf("%-46s %10s %10s   %s%n", "figure", "value", "target", "verdict");
            for (Target t : targets()) {
                out.printf("%-46s %10s %10s   %s%n", t.name(),
                        Double.isNaN(t.value()) ? "-" : fmt(t.value(), 1) + " " + t.unit(),
                        (t.atMost() ? "<= " : ">= ") + fmt(t.limit(), 0) + " " + t.unit(), t.verdict());
            }
        }

        Map<String, Object> toJson(Map<String, Object> environment) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("environment", environment);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("rounds", opts.rounds());
            config.put("message_size_bytes", opts.messageSize());
            config.put("warmup_round_trips", opts.warmupCount());
            config.put("latency_round_trips", opts.latencyCount());
            config.put("connections", opts.connections());
            config.put("rr_seconds", opts.rrSeconds());
            config.put("bulk_connections", opts.bulkConnections());
            config.put("bulk_seconds", opts.bulkSeconds());
            config.put("bulk_warmup_seconds", opts.bulkWarmupSeconds());
            config.put("chunk_size_bytes", opts.chunkSize());
            config.put("pin_single", opts.pinSingle());
            root.put("config", config);
            Map<String, Object> legs = new LinkedHashMap<>();
            for (LegResult r : results.values()) {
                Map<String, Object> leg = new LinkedHashMap<>();
                leg.put("description", r.description);
                leg.put("failure", r.failure);
                if (r.ok()) {
                    Map<String, Object> latency = new LinkedHashMap<>();
                    for (Row row : r.samples.keySet()) {
                        long[] all = r.merged(row);
                        Map<String, Object> l = new LinkedHashMap<>();
                        l.put("p50_us", Stats.percentileMicros(all, 50));
                        l.put("p90_us", Stats.percentileMicros(all, 90));
                        l.put("p99_us", Stats.percentileMicros(all, 99));
                        l.put("p99_9_us", Stats.percentileMicros(all, 99.9));
                        l.put("samples", all.length);
                        l.put("p50_us_by_round", r.samples.get(row).stream()
                                .map(s -> (Object) Stats.percentileMicros(s, 50)).toList());
                        l.put("p99_us_by_round", r.samples.get(row).stream()
                                .map(s -> (Object) Stats.percentileMicros(s, 99)).toList());
                        latency.put(row.key(), l);
                    }
                    leg.put("latency", latency);
                    leg.put("rr_ops_per_s_best", Stats.max(r.rrOpsPerSecond));
                    leg.put("upload_mb_per_s_best", Stats.max(r.uploadMBps));
                    leg.put("download_mb_per_s_best", Stats.max(r.downloadMBps));
                    leg.put("rr_ops_per_s_mean", Stats.mean(r.rrOpsPerSecond));
                    leg.put("upload_mb_per_s_mean", Stats.mean(r.uploadMBps));
                    leg.put("download_mb_per_s_mean", Stats.mean(r.downloadMBps));
                    leg.put("rr_ops_per_s_by_round", new ArrayList<Object>(r.rrOpsPerSecond));
                    leg.put("upload_mb_per_s_by_round", new ArrayList<Object>(r.uploadMBps));
                    leg.put("download_mb_per_s_by_round", new ArrayList<Object>(r.downloadMBps));
                    leg.put("other_processes_cpus_by_round", new ArrayList<Object>(r.othersCpus));
                }
                legs.put(r.name, leg);
            }
            root.put("legs", legs);
            Map<String, Object> derived = new LinkedHashMap<>();
            for (String leg : List.of("haproxy", "faultline")) {
                Map<String, Object> d = new LinkedHashMap<>();
                for (Row row : rows) {
                    d.put("added_p50_" + row.key() + "_us", added(leg, row, 50));
                    d.put("added_p99_" + row.key() + "_us", added(leg, row, 99));
                }
                derived.put(leg, d);
            }
            derived.put("faultline_rr_pct_of_haproxy", 100 * rr("faultline") / rr("haproxy"));
            derived.put("faultline_upload_pct_of_haproxy", 100 * upload("faultline") / upload("haproxy"));
            derived.put("faultline_download_pct_of_haproxy", 100 * download("faultline") / download("haproxy"));
            root.put("derived", derived);
            List<Object> targets = new ArrayList<>();
            for (Target t : targets()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("figure", t.name());
                m.put("value", t.value());
                m.put("unit", t.unit());
                m.put(t.atMost() ? "at_most" : "at_least", t.limit());
                m.put("verdict", t.verdict());
                targets.add(m);
            }
            root.put("targets", targets);
            return root;
        }

        private static String join(List<Double> values, int decimals) {
            return String.join(" ", values.stream().map(v -> fmt(v, decimals)).toList());
        }
    }

    record Target(String name, double value, double limit, boolean atMost, String unit) {
        static Target atMost(String name, double value, double limit, String unit) {
            return new Target(name, value, limit, true, unit);
        }

        static Target atLeast(String name, double value, double limit, String unit) {
            return new Target(name, value, limit, false, unit);
        }

        String verdict() {
            if (Double.isNaN(value)) {
                return "NOT MEASURED";
            }
            return (atMost ? value <= limit : value >= limit) ? "MET" : "NOT MET";
        }
    }

    // ------------------------------------------------------------------------------------------
    // Small helpers
    // ------------------------------------------------------------------------------------------

    /** Polls a condition against a deadline; never sleeps longer than the poll interval. */
    static final class Poll {
        private Poll() {
        }

        static boolean until(BooleanSupplier condition, Duration timeout) {
            return until(condition, timeout, Duration.ofMillis(5));
        }

        static boolean until(BooleanSupplier condition, Duration timeout, Duration interval) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(left, interval.toNanos()));
                if (Thread.currentThread().isInterrupted()) {
                    return condition.getAsBoolean();
                }
            }
        }
    }

    static final class Json {
        private Json() {
        }

        static String write(Object value) {
            StringBuilder sb = new StringBuilder();
            write(value, sb, "");
            return sb.toString();
        }

        private static void write(Object v, StringBuilder sb, String indent) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                String inner = indent + "  ";
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(inner);
                    string(String.valueOf(e.getKey()), sb);
                    sb.append(": ");
                    write(e.getValue(), sb, inner);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                sb.append(indent).append('}');
            } else if (v instanceof List<?> l) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    write(l.get(i), sb, indent);
                    if (i + 1 < l.size()) {
                        sb.append(", ");
                    }
                }
                sb.append(']');
            } else if (v instanceof Double d) {
                sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", d));
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                string(v.toString(), sb);
            }
        }

        private static void string(String s, StringBuilder sb) {
            sb.append('"');
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (ch < 0x20) {
                            sb.append(String.format("\\u%04x", (int) ch));
                        } else {
                            sb.append(ch);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return last.isEmpty() ? "(empty) [" + log + "]" : "\n    " + String.join("\n    ", last) + "\n  [" + log + "]";
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing at the end of a phase; nothing to report
        }
    }
}
