package dev.faultline.engine.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;

/**
 * A run's hold on the Docker engine, which any harness on the same engine can judge, whatever its host or PID
 * namespace: a small container of the run's own ({@code faultline-<run>-lease}) running {@code cat} on a stdin that
 * only this harness holds open, through an attach made before the container starts. When the harness dies (killed,
 * crashed, its host lost) the engine sees the connection close, closes the container's stdin ({@code StdinOnce}),
 * {@code cat} ends, and the run is over for every {@link Reaper}. Taken before any other container of the run,
 * removed after all of them.
 *
 * <p>It is also the run's watch on the engine: the harness writes a byte every {@link #BEAT}, {@code cat} echoes it.
 * The connection closing, or no echo for {@link #SILENCE_LIMIT}, means the engine is lost (stopped, killed,
 * restarted or hung: its containers are gone or out of reach); the listener hears why, once, in one line.
 */
final class Lease implements AutoCloseable {
    /** The base every Faultline image is built on: always there after {@code docker/bootstrap.sh}. */
    static final String IMAGE = "faultline/base:bookworm";
    static final Duration BEAT = Duration.ofSeconds(1);
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(10);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final long MEMORY_BYTES = 32L * 1024 * 1024;

    private final DockerClient docker;
    private final String name;
    private final Consumer<String> onLost;
    private final Beats beats = new Beats();
    private final AtomicBoolean lostTold = new AtomicBoolean();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "faultline-lease"));
    private volatile boolean watching;
    private volatile long lastEchoNanos;
    private Closeable attach;

    private Lease(DockerClient docker, String name, Consumer<String> onLost) {
        this.docker = docker;
        this.name = name;
        this.onLost = onLost;
    }

    /** The name of the lease container of run {@code runId}. */
    static String containerName(String runId) {
        return "faultline-" + runId + "-lease";
    }

    /**
     * Creates the run's lease container, attaches to it, starts it and starts watching; {@code onLost} hears once
     * why the engine was lost, if it is before {@link #close()}.
     */
    static Lease take(DockerClient docker, String runId, Map<String, String> runLabels, Consumer<String> onLost) {
        Lease lease = new Lease(docker, containerName(runId), onLost);
        lease.take(runLabels);
        return lease;
    }

    private void take(Map<String, String> runLabels) {
        Map<String, String> labels = new HashMap<>(runLabels);
        labels.put(Labels.LEASE, "true");
        String id;
        try {
            id = docker.createContainerCmd(IMAGE).withName(name).withLabels(labels).withCmd("cat")
                    .withStdinOpen(true).withStdInOnce(true).withAttachStdin(true).withAttachStdout(true)
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withMemory(MEMORY_BYTES))
                    .exec().getId();
        } catch (NotFoundException e) {
            throw new IllegalStateException("no image " + IMAGE + " for the run's lease container: run"
                    + " docker/bootstrap.sh", e);
        }
        CountDownLatch attached = new CountDownLatch(1);
        attach = docker.attachContainerCmd(id).withStdIn(beats).withStdOut(true).withFollowStream(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onStart(Closeable stream) {
                        super.onStart(stream);
                        attached.countDown();
                    }

                    @Override
                    public void onNext(Frame frame) {
                        lastEchoNanos = System.nanoTime();
                    }

                    @Override
                    public void onError(Throwable error) {
                        connectionClosed();
                    }

                    @Override
                    public void onComplete() {
                        connectionClosed();
                    }
                });
        try {
            if (!attached.await(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the Docker engine did not attach to the run's lease container "
                        + name + " within " + ATTACH_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the run's lease", e);
        }
        docker.startContainerCmd(id).exec(); // only now: a harness killed before this leaves a lease never started
        lastEchoNanos = System.nanoTime();
        watching = true;
        ticker.scheduleAtFixedRate(this::tick, 0, BEAT.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        beats.beat();
        if (watching && System.nanoTime() - lastEchoNanos > SILENCE_LIMIT.toNanos()) {
            lost("Docker engine lost: no answer from it for " + SILENCE_LIMIT.toSeconds() + " s");
        }
    }

    /**
     * The attach connection ended: the engine went away, or only the lease container did (someone removed it, or
     * the engine restarted). A ping with a short timeout tells which. Runs on the connection's own thread.
     */
    private void connectionClosed() {
        if (!watching) {
            return;
        }
        beats.end(); // nothing more to write where nobody reads
        CompletableFuture<Void> ping = CompletableFuture.runAsync(() -> docker.pingCmd().exec(),
                r -> daemon(r, "faultline-lease-ping").start());
        try {
            ping.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            lost("Docker engine lost: the run's lease container " + name + " ended (the engine restarted, or"
                    + " someone stopped or removed the container)");
        } catch (ExecutionException e) {
            lost("Docker engine lost: the connection to it closed and it does not answer (" + oneLine(e.getCause())
                    + ")");
        } catch (TimeoutException e) {
            lost("Docker engine lost: the connection to it closed and it does not answer within "
                    + PING_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void lost(String why) {
        if (watching && lostTold.compareAndSet(false, true)) {
            onLost.accept(why);
        }
    }

    /** Stops watching the engine: the run is ending, and its own removal of the lease is no loss. */
    void disarm() {
        watching = false;
        ticker.shutdownNow();
    }

    /** Stops watching and closes the connection; the container itself goes with the run ({@link Reaper#removeRun}). */
    @Override
    public void close() {
        disarm();
        beats.end();
        if (attach != null) {
            try {
                attach.close();
            } catch (IOException | RuntimeException ignored) {
                // the connection is gone either way
            }
        }
    }

    /** A throwable's message as one short line: its first line, control characters as {@code ?}, at most 160. */
    static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        text = text.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The lease's stdin: one byte per beat, blocking between them; at its end, end of stream. */
    private static final class Beats extends InputStream {
        private int pending;
        private boolean ended;

        synchronized void beat() {
            pending++;
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        /**
         * Blocks until at least one beat is due; never waits for more than the first. The caller is docker-java's
         * thread that copies the lease's stdin to the engine: when the engine goes away, its next write fails and
         * the thread dies of it, which says nothing the run does not say already, so it dies without a word.
         */
        @Override
        public synchronized int read(byte[] into, int offset, int length) throws IOException {
            Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> { });
            while (pending == 0 && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("lease beats interrupted");
                }
            }
            if (ended) {
                return -1;
            }
            int n = Math.min(length, pending);
            java.util.Arrays.fill(into, offset, offset + n, (byte) '\n');
            pending -= n;
            return n;
        }

        @Override
        public synchronized int available() {
            return ended ? 0 : pending;
        }
    }
}
