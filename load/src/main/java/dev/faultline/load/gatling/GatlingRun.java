package dev.faultline.load.gatling;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.load.ResultsReader;

/**
 * One run of the {@link GatlingDriver}: Gatling started in this JVM on a thread of its own, with the simulation the
 * scenario names (else {@link LedgerSimulation}), while {@link FaultlineGatling#submitItem()} records every work item
 * in the ledger. When Gatling has finished, its own statistics (read from its log) join the timeline and its report
 * stays in the run's {@code gatling/} directory.
 *
 * <p>Gatling runs one simulation at a time in a JVM: a second run waits for none, it fails at once.
 */
final class GatlingRun implements LoadDriver.Running {
    static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(5);
    /** The longest wait for Gatling to start sending: loading it the first time in a JVM takes a few seconds. */
    static final Duration STARTUP = Duration.ofSeconds(60);
    /** Past the load's duration, how long a simulation may go on before Faultline stops it. */
    static final Duration OVERRUN = Duration.ofSeconds(30);
    static final String DIRECTORY = "gatling";

    private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static volatile GatlingRun current;

    private final LoadSpec spec;
    private final LoadDriver.Context context;
    private final Ledger ledger;
    private final Timeline timeline;
    private final String simulation;
    private final Path results;
    private final ExecutorService httpExecutor;
    private final ResultsReader reader;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final CountDownLatch sending = new CountDownLatch(1);
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean stopping;
    /** The timeline's clock minus the wall clock, in ms: Gatling's log is in wall-clock time. */
    private final long timelineMinusWallMs;

    private GatlingRun(LoadSpec spec, LoadDriver.Context context) {
        this.spec = spec;
        this.context = context;
        this.ledger = context.ledger();
        this.timeline = context.timeline();
        this.simulation = spec.simulation() == null ? LedgerSimulation.class.getName() : spec.simulation();
        this.results = context.directory().resolve(DIRECTORY);
        int run = RUNS.incrementAndGet();
        this.httpExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faultline-gatling-" + run + "-results");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(SUBMIT_TIMEOUT).executor(httpExecutor).build();
        this.reader = new ResultsReader(spec, context, client, "faultline-gatling-" + run + "-reads");
        this.timelineMinusWallMs = timeline.now() - System.currentTimeMillis();
    }

    /**
     * Starts Gatling and returns once it sends its first work item (so fault offsets count from the load's real
     * start), or it has finished, or {@link #STARTUP} has passed (a simulation that sends no work item).
     */
    static GatlingRun start(LoadSpec spec, LoadDriver.Context context) {
        if (!ONE_AT_A_TIME.tryAcquire()) {
            throw new IllegalStateException("another Gatling load is running in this JVM, and Gatling runs one "
                    + "simulation at a time");
        }
        GatlingRun run;
        try {
            run = new GatlingRun(spec, context);
            current = run;
            GatlingLauncher.configure();
            Thread thread = new Thread(run::runGatling, "faultline-gatling-" + RUNS.get());
            thread.setDaemon(true);
            thread.start();
        } catch (RuntimeException | Error e) {
            current = null;
            ONE_AT_A_TIME.release();
            throw e;
        }
        try {
            if (!run.sending.await(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
                run.note("Gatling sent no work item in its first " + STARTUP.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.close();
            return run;
        }
        run.reader.startReadsDuringLoad();
        run.scheduleOverrunStop();
        return run;
    }

    /** The run Gatling is in now; only inside a run the {@code gatling} driver started. */
    static GatlingRun current() {
        GatlingRun run = current;
        if (run == null) {
            throw new IllegalStateException("FaultlineGatling is only for a simulation Faultline runs "
                    + "(load.driver: gatling)");
        }
        return run;
    }

    LoadSpec spec() {
        return spec;
    }

    private void runGatling() {
        try {
            Files.createDirectories(results);
            int exit = GatlingLauncher.run(simulation, results, context.runId());
            if (exit != 0) {
                note("Gatling ended with status " + exit + (stopping ? " (stopped)" : ""));
            }
        } catch (IOException | RuntimeException e) {
            note("Gatling failed: " + ResultsReader.describe(e));
        } catch (Error e) {
            note("Gatling failed: " + ResultsReader.describe(e));
            throw e;
        } finally {
            try {
                recordGatlingFigures();
            } finally {
                current = null;
                ONE_AT_A_TIME.release();
                sending.countDown();
                finished.complete(null);
            }
        }
    }

    private void recordGatlingFigures() {
        try {
            GatlingLog.Figures figures = GatlingLog.read(results);
            if (figures == null) {
                note("Gatling left no log of its requests in " + DIRECTORY + "/");
                return;
            }
            for (GatlingLog.Second s : figures.seconds()) {
                timeline.record(new TimelineEvent.LoadSecond(Math.max(0, s.startEpochMs() + timelineMinusWallMs), "gatling",
                        s.ok(), s.ko(), s.p50Ms(), s.p95Ms(), s.p99Ms()));
            }
            String report = figures.report() == null ? null
                    : context.directory().relativize(figures.report()).toString().replace('\\', '/');
            timeline.record(new TimelineEvent.DriverReport(timeline.now(), "gatling", simulation, figures.requests(),
                    figures.ok(), figures.ko(), figures.p50Ms(), figures.p95Ms(), figures.p99Ms(), report));
            if (figures.requests() > 0 && items.get() == 0) {
                note("the simulation " + simulation + " sent " + figures.requests() + " requests but no work item: "
                        + "send each work item with FaultlineGatling.submitItem(), or the ledger sees nothing");
            }
        } catch (IOException | RuntimeException e) {
            note("Gatling's statistics could not be read: " + ResultsReader.describe(e));
        }
    }

    private void scheduleOverrunStop() {
        long after = spec.duration().plus(OVERRUN).toMillis();
        CompletableFuture.delayedExecutor(after, TimeUnit.MILLISECONDS).execute(() -> {
            if (!finished.isDone() && !stopping) {
                note("the simulation ran past load.duration + " + OVERRUN.toSeconds() + " s; Faultline stopped it");
                stopping = true;
            }
        });
    }

    // ---- what FaultlineGatling records

    long nextSeq() {
        return seq.incrementAndGet();
    }

    String idOf(long n) {
        return String.format("%s-%06d", context.runId(), n);
    }

    /** Records a work item as submitted now; returns the time on the timeline. */
    long submitted(String id) {
        long t = timeline.now();
        ledger.submitted(id, t);
        items.incrementAndGet();
        sending.countDown();
        return t;
    }

    /**
     * Records an item's answer: {@code status} with Gatling's own {@code responseMs} (the item is answered then, so
     * its latency is Gatling's), or no answer at all (refused, reset, timed out) when there is no status.
     */
    void answered(String id, long sentAt, Integer status, Long responseMs) {
        if (status == null) {
            ledger.answered(id, timeline.now(), -1, "no HTTP answer (Gatling: request failed before a response)");
        } else {
            long at = responseMs == null ? timeline.now() : sentAt + responseMs;
            ledger.answered(id, at, status, null);
        }
    }

    String submitUrl() {
        Endpoint submit = spec.submit();
        return context.baseUri(submit).resolve(submit.path()).toString();
    }

    boolean stopping() {
        return stopping;
    }

    // ---- LoadDriver.Running

    @Override
    public void awaitSubmitted() throws InterruptedException {
        try {
            finished.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Gatling failed", e.getCause());
        }
    }

    @Override
    public LoadDriver.DrainEnd drain(Duration max, BooleanSupplier nothingHeld) throws InterruptedException {
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(nothingHeld, "nothingHeld");
        if (closed.get()) {
            return LoadDriver.DrainEnd.STOPPED;
        }
        return reader.drain(max, nothingHeld, closed::get);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true; // the next work item of every virtual user stops Gatling
        reader.close();
        httpExecutor.shutdownNow();
    }

    private void note(String message) {
        timeline.record(new TimelineEvent.Note(timeline.now(), "load: " + message));
    }
}
