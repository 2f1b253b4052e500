package dev.faultline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.run.Poll;

/** {@code faultline} started as its own process (the shaded jar), as a user starts it, for signal tests. */
final class HarnessProcess implements AutoCloseable {
    static final Path JAR = ShippedScenariosIT.ROOT.resolve("cli/target/faultline-cli-all.jar");

    private final Process process;
    private final StringBuffer output = new StringBuffer();

    private HarnessProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "harness-output");
        reader.setDaemon(true);
        reader.start();
    }

    static HarnessProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /**
     * As {@link #start}, in a PID namespace of its own, as a CI job sharing the host's Docker socket runs: its pids
     * mean nothing here (the harness is pid 1 there). Needs root ({@link #pidNamespacesAvailable()}). Killing this
     * process kills the harness too.
     */
    static HarnessProcess startInOwnPidNamespace(String... args) throws IOException {
        return start(UNSHARE, args);
    }

    /**
     * A command started from a background job (`mvn verify &`) inherits SIGINT ignored, and a JVM leaves an ignored
     * SIGINT ignored: the Ctrl-C test would then test nothing but the launcher. perl (Debian's essential perl-base)
     * puts the default back before it becomes java.
     */
    private static final List<String> SIGINT_RESTORED = List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!");

    private static final List<String> UNSHARE = List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child");

    /** Whether this user may start a process in a PID namespace of its own. */
    static boolean pidNamespacesAvailable() throws InterruptedException {
        List<String> probe = new ArrayList<>(UNSHARE);
        probe.add("true");
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static HarnessProcess start(List<String> prefix, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(SIGINT_RESTORED);
        command.addAll(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ShippedScenariosIT.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
        pb.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
        return new HarnessProcess(pb.start());
    }

    /** Waits until the output contains {@code text}; false if the deadline passed or the process ended first. */
    boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        return Poll.until(() -> output.indexOf(text) >= 0, timeout, Duration.ofMillis(100),
                () -> !process.isAlive() && output.indexOf(text) < 0);
    }

    void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("faultline did not exit within " + timeout + "; output:\n" + output);
        }
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    /** The id of the run under way, from its first note ({@code run <id> seed <n>}); fails when none was printed. */
    String runId() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\brun (\\S+) seed ").matcher(output);
        if (!m.find()) {
            throw new AssertionError("no run id in the output yet:\n" + output);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
