package dev.faultline.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Faultline CLI running in a JVM of its own, its output streamed line by line (stdout to {@code out}, stderr to
 * {@code err}). {@link #stop} ends it the way a Ctrl-C does: one SIGTERM, then a wait while it reverts its faults and
 * removes its containers; a second signal would end it at once, so none is sent when it already announced that it is
 * cancelling (a Ctrl-C in a terminal reaches Maven and the CLI alike).
 */
final class ForkedCli {
    /** How long {@link #stop} waits for the CLI to end once it is cancelling: beyond its own 120 s. */
    static final Duration CLEAN_UP = Duration.ofSeconds(150);
    /** The most stderr lines kept for a message (the CLI's reasons for invalid input). */
    static final int KEPT_ERR_LINES = 200;
    /** How long the output may still arrive after the CLI ended (a child of it holding the pipe). */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(10);

    private final Process process;
    private final Thread outPump;
    private final Thread errPump;
    private final CountDownLatch cancelling = new CountDownLatch(1);
    private final Deque<String> errLines = new ArrayDeque<>();

    private ForkedCli(Process process, Consumer<String> out, Consumer<String> err) {
        this.process = process;
        this.outPump = pump("faultline-cli-out", process.getInputStream(), line -> {
            if (line.startsWith("faultline: SIG")) { // "faultline: SIGINT: reverting faults and removing containers"
                cancelling.countDown();
            }
            out.accept(line);
        });
        this.errPump = pump("faultline-cli-err", process.getErrorStream(), line -> {
            synchronized (errLines) {
                if (errLines.size() == KEPT_ERR_LINES) {
                    errLines.removeFirst();
                }
                errLines.addLast(line);
            }
            err.accept(line);
        });
    }

    static ForkedCli start(CliLaunch launch, Consumer<String> out, Consumer<String> err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.commandLine()).directory(launch.workingDirectory().toFile());
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        process.getOutputStream().close(); // the CLI reads no input: an end of input, never a wait for one
        return new ForkedCli(process, out, err);
    }

    /**
     * Waits for the CLI to end, at most {@code limit} (zero: no limit), its output all passed on.
     *
     * @return its exit code, or null when it is still running after {@code limit}
     */
    Integer awaitExit(Duration limit) throws InterruptedException {
        if (limit.isZero()) {
            process.waitFor();
        } else if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        drainOutput();
        return process.exitValue();
    }

    /**
     * Ends the CLI as a Ctrl-C would and waits for it ({@link #CLEAN_UP}, then it is killed).
     *
     * @param announcement how long to wait for the CLI to say it is cancelling already before it is sent SIGTERM
     * @return its exit code
     */
    int stop(Duration announcement) throws InterruptedException {
        if (process.isAlive() && !cancelling.await(announcement.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy(); // SIGTERM: the CLI cancels the run, reverts its faults and writes its results
        }
        if (!process.waitFor(CLEAN_UP.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        drainOutput();
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The last {@link #KEPT_ERR_LINES} lines the CLI wrote to stderr. */
    List<String> errLines() {
        synchronized (errLines) {
            return new ArrayList<>(errLines);
        }
    }

    private void drainOutput() throws InterruptedException {
        outPump.join(OUTPUT_DRAIN.toMillis());
        errPump.join(OUTPUT_DRAIN.toMillis());
    }

    private static Thread pump(String name, InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) { // the stream closed under it (the CLI killed): told where the output went
                lines.accept("faultline:run: cannot read the CLI's output any more: " + e.getMessage());
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
