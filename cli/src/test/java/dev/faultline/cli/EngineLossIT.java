package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import dev.faultline.engine.run.Poll;
import dev.faultline.engine.runtime.Reaper;

/**
 * The Docker engine killed mid-run: the run notices within seconds, ends ERROR with one line saying so, keeps what it
 * had, and leaves no stack trace; once the engine is back, the next reap removes what the run could not. Kills and
 * restarts this machine's dockerd (started by docker/bootstrap.sh): run it under the Docker lock.
 */
class EngineLossIT {
    private static final Path ROOT = ShippedScenariosIT.ROOT;

    @TempDir
    Path tmp;

    @Test
    void aDockerEngineKilledMidRunEndsTheRunInErrorWithOneLineAndKeepsWhatItHad() throws Exception {
        long dockerd = dockerdPid();
        assumeThat(dockerd).as("a dockerd on this machine to kill (docker/bootstrap.sh starts one)").isPositive();
        Path scenario = scenario();
        String run;
        long noticedMs;
        long exitedMs;
        int exit;
        String output;
        try (HarnessProcess harness = HarnessProcess.start("run", scenario.toString(), "--report-dir",
                tmp.resolve("reports").toString())) {
            // given a run under load with its fault in force
            assertThat(harness.awaitOutput("fault kill-worker verified", Duration.ofMinutes(4)))
                    .as(harness.output()).isTrue();
            run = harness.runId();
            try {
                // when the Docker engine is killed
                long killed = System.nanoTime();
                signal(dockerd, "KILL");
                assertThat(harness.awaitOutput("Docker engine lost: ", Duration.ofSeconds(30)))
                        .as(harness.output()).isTrue();
                noticedMs = (System.nanoTime() - killed) / 1_000_000;
                exit = harness.awaitExit(Duration.ofMinutes(2));
                exitedMs = (System.nanoTime() - killed) / 1_000_000;
                output = harness.output();
            } finally {
                restartEngine();
            }
        }

        // then the run ends ERROR with a one-line reason, without a stack trace, and keeps what it had
        assertThat(exit).as(output).isEqualTo(4);
        assertThat(output).containsPattern("== short-worker-crash: ERROR \\(Docker engine lost: [^\\n]+\\)\\n")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        Path reports = tmp.resolve("reports/short-worker-crash");
        assertThat(Files.readString(reports.resolve("result.json"))).contains("\"ERROR\"")
                .contains("Docker engine lost: ");
        assertThat(reports.resolve("timeline.jsonl")).isNotEmptyFile();
        assertThat(Files.readString(reports.resolve("timeline.jsonl"))).contains("Docker engine lost: ");
        assertThat(reports.resolve("ledger.jsonl")).exists();

        // and once the engine is back, the next reap removes the run's leftovers
        int left = Docker.containersOfRun(run).size();
        int reaped = new Reaper(DockerClientFactory.instance().client()).reapDeadRuns();
        assertThat(Docker.containersOfRun(run)).isEmpty();
        System.out.println(output);
        System.out.printf("engine loss: noticed %d ms after the kill, exit 4 %d ms after it, %d output lines,"
                + " %d containers left behind, %d reaped once the engine was back%n", noticedMs, exitedMs,
                output.lines().count(), left, reaped);
    }

    /** The shortened worker-crash, with the support desk's topology beside it. */
    private Path scenario() throws IOException {
        ShippedScenariosIT.copySupportDesk(tmp);
        Path scenario = tmp.resolve("short-worker-crash.yaml");
        Files.copy(ROOT.resolve("cli/src/test/resources/harness/short-worker-crash.yaml"), scenario);
        return scenario;
    }

    /**
     * The pid of this machine's live dockerd, or -1 when none runs here (a remote engine, Docker Desktop). An engine
     * killed earlier can linger as a zombie where nothing reaps it: it does not count.
     */
    private static long dockerdPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pgrep", "-x", "-r", "R,S,D,T", "dockerd").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        List<String> pids = out.lines().toList();
        return pids.size() == 1 && pids.get(0).matches("\\d+") ? Long.parseLong(pids.get(0)) : -1;
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    /** Starts dockerd again (docker/bootstrap.sh engine) and waits until {@code docker info} answers. */
    private static void restartEngine() throws IOException, InterruptedException {
        Process bootstrap = new ProcessBuilder("bash", ROOT.resolve("docker/bootstrap.sh").toString(), "engine")
                .directory(ROOT.toFile()).inheritIO().start();
        bootstrap.waitFor(3, TimeUnit.MINUTES);
        boolean answers = Poll.until(EngineLossIT::dockerInfoAnswers, Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> false);
        assertThat(answers).as("docker info answers again after the restart").isTrue();
    }

    private static boolean dockerInfoAnswers() {
        try {
            Process info = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return info.waitFor(20, TimeUnit.SECONDS) && info.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
