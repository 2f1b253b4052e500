package dev.faultline.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyMojoTest {
    private static final Instant STARTED = Instant.parse("2026-12-03T06:00:00Z");

    @TempDir
    Path basedir;
    final RecordingLog log = new RecordingLog();
    VerifyMojo verify;
    Path reportDir;
    /** What the recorded CLI wrote to stderr. */
    List<String> errors = List.of();

    @BeforeEach
    void project() {
        verify = Projects.verify(basedir, log);
        reportDir = basedir.resolve("target/faultline");
    }

    @Test
    void aPassedSuitePasses() throws Exception {
        recorded(0, null, "worker-crash:PASSED");

        verify.execute();

        assertThat(log.lines()).containsExactly("INFO Faultline suite PASSED: 1 scenario(s), results in " + reportDir);
    }

    @Test
    void aFailedSuiteFailsNamingEachScenarioThatDidNotPassWithItsVerdictReasonAndViolatedObjectives() throws Exception {
        recorded(1, null, "worker-crash:PASSED", "worker-crash-unsafe:FAILED:integrity.lost,integrity.rpo",
                "broker-outage:FAILED:slo.during-faults.p99-latency");

        assertThatThrownBy(verify::execute).isInstanceOf(MojoFailureException.class).hasMessage("""
                Faultline suite FAILED (exit 1): an objective was violated
                2 of 3 scenario(s) did not pass:
                - worker-crash-unsafe: FAILED: integrity.lost expected <= 0 but was 7; integrity.rpo expected <= 0 but\
                 was 7
                    violated objective(s): integrity.lost, integrity.rpo
                    results: %s
                - broker-outage: FAILED: slo.during-faults.p99-latency expected <= 0 but was 7
                    violated objective(s): slo.during-faults.p99-latency
                    results: %s""".formatted(reportDir.resolve("worker-crash-unsafe"),
                reportDir.resolve("broker-outage")));
    }

    @Test
    void anAbortedSuiteFailsTheBuildSayingItWasAborted() throws Exception {
        recorded(3, null, "worker-crash:ABORTED");

        assertThatThrownBy(verify::execute).isInstanceOf(MojoFailureException.class).hasMessage("""
                Faultline suite ABORTED (exit 3): a run was aborted: its steady state never held before the faults, a\
                 halt-when condition fired, or it was interrupted
                1 of 1 scenario(s) did not pass:
                - worker-crash: ABORTED: steady state never held before the faults
                    results: %s""".formatted(reportDir.resolve("worker-crash")));
    }

    @Test
    void anErrorFailsTheBuildAsAFailureOfTheHarness() throws Exception {
        recorded(4, null, "worker-crash:ERROR");

        assertThatThrownBy(verify::execute).isInstanceOf(MojoExecutionException.class)
                .isNotInstanceOf(MojoFailureException.class).hasMessageStartingWith("""
                Faultline suite ERROR (exit 4): the harness could not do its job (see the output of faultline:run)
                1 of 1 scenario(s) did not pass:
                - worker-crash: ERROR: Docker engine lost: connection refused""");
    }

    @Test
    void anExitCodeNoneOfTheClisFailsTheBuildAsAFailureOfTheHarness() throws Exception {
        recorded(137, null);

        assertThatThrownBy(verify::execute).isInstanceOf(MojoExecutionException.class).hasMessage("""
                the Faultline CLI ended with exit code 137, none of its own (0 to 4): it was killed or could not start\
                 (see the output of faultline:run)
                no result.json of this run names a scenario that did not pass (see the output of faultline:run)""");
    }

    @Test
    void aHarnessErrorWithoutAResultIsToldWithWhatTheCliWroteToStderr() throws Exception {
        errors = List.of("faultline run: good: harness error: cannot write the results: cannot prepare target/faultline/good"
                + " (nothing was started)");
        recorded(4, null);

        assertThatThrownBy(verify::execute).isInstanceOf(MojoExecutionException.class).hasMessage("""
                Faultline suite ERROR (exit 4): the harness could not do its job (see the output of faultline:run)
                no result.json of this run names a scenario that did not pass (see the output of faultline:run)
                the CLI's last lines on stderr:
                  faultline run: good: harness error: cannot write the results: cannot prepare target/faultline/good\
                 (nothing was started)""");
    }

    @Test
    void aSuiteStoppedByItsTimeoutSaysSo() throws Exception {
        recorded(3, 600, "worker-crash:ABORTED");

        assertThatThrownBy(verify::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("\nit was stopped after its timeout of 600 s (faultline.timeout)\n");
    }

    @Test
    void withoutARecordVerifyFailsSayingWhatWritesIt() {
        assertThatThrownBy(verify::execute).isInstanceOf(MojoExecutionException.class).hasMessage("faultline:verify:"
                + " no record of a Faultline run at " + reportDir.resolve("faultline-run.json") + ": faultline:run"
                + " writes it (bind both goals, as in <goals><goal>run</goal><goal>verify</goal></goals>, and run mvn"
                + " verify), with the same reportDir");
    }

    @Test
    void skippedItVerifiesNothingEvenWithoutARecord() throws Exception {
        verify.skipITs = true;

        verify.execute();

        assertThat(log.lines()).containsExactly("INFO Faultline suite not verified: skipITs is set");
    }

    /** A record of a run with exit {@code exitCode} that wrote {@code results} ({@code name:VERDICT[:objective,...]}). */
    private void recorded(int exitCode, Integer timeoutSeconds, String... results) throws Exception {
        List<Path> folders = new ArrayList<>();
        for (String result : results) {
            String[] parts = result.split(":");
            folders.add(reportDir.resolve(parts[0]));
            FakeCli.writeResult(reportDir.resolve(parts[0]), parts[0], parts[1],
                    parts.length > 2 ? List.of(parts[2].split(",")) : List.of());
        }
        new RunRecord(exitCode, List.of("src/test/chaos"), folders, errors, STARTED, STARTED.plusSeconds(90),
                timeoutSeconds).write(reportDir);
    }
}
