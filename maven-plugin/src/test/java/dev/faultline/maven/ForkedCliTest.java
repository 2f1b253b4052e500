package dev.faultline.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedCliTest {
    @TempDir
    Path reportDir;
    final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void stopSendsTheCliSigtermAndWaitsUntilItsShutdownHasRun() throws Exception {
        ForkedCli cli = start("hang");
        awaitLine("fake faultline: running until signalled");

        int exitCode = cli.stop(Duration.ZERO);

        assertThat(exitCode).isEqualTo(143); // 128 + SIGTERM
        assertThat(reportDir.resolve("reverted")).exists();
    }

    @Test
    void stopSendsNothingToACliAlreadyCancellingOnTheSameCtrlC() throws Exception {
        ForkedCli cli = start("cancelling"); // a Ctrl-C in a terminal reaches the CLI too

        int exitCode = cli.stop(Duration.ofSeconds(30));

        assertThat(exitCode).isEqualTo(3);
        assertThat(reportDir.resolve("signalled")).as("a second signal would end its clean-up").doesNotExist();
        assertThat(out).contains("faultline: SIGINT: reverting faults and removing containers (again to force)...");
    }

    private ForkedCli start(String mode) throws Exception {
        CliLaunch launch = CliLaunch.of(Path.of(System.getProperty("java.home")), List.of(),
                List.of(Projects.fakeCliClasspath()), List.of(), FakeCli.class.getName(),
                List.of("run", "x", "--report-dir", reportDir.toString()), Map.of(), Map.of("FAKE_MODE", mode),
                reportDir);
        return ForkedCli.start(launch, out::add, out::add);
    }

    /** Polls the output for {@code line}, at most 30 s. */
    private void awaitLine(String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!out.contains(line)) {
            assertThat(System.nanoTime()).as("the CLI's output: " + out).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
