package dev.faultline.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunMojoTest {
    @TempDir
    Path basedir;
    final RecordingLog log = new RecordingLog();
    RunMojo run;
    Path reportDir;

    @BeforeEach
    void project() throws Exception {
        run = Projects.run(basedir, log);
        reportDir = basedir.resolve("target/faultline");
    }

    @Test
    void aPassingSuiteIsRecordedWithTheResultsItWroteAndItsOutputLogged() throws Exception {
        run.environmentVariables.put("FAKE_RESULTS", "worker-crash:PASSED;broker-outage:PASSED");

        run.execute();

        RunRecord record = RunRecord.read(reportDir);
        assertThat(record.exitCode()).isZero();
        assertThat(record.scenarios()).containsExactly("src/test/chaos");
        assertThat(record.results()).containsExactlyInAnyOrder(reportDir.resolve("worker-crash"),
                reportDir.resolve("broker-outage"));
        assertThat(record.timeoutSeconds()).isNull();
        assertThat(log.lines()).contains("INFO fake faultline: run src/test/chaos --report-dir " + reportDir,
                "INFO Faultline suite PASSED (exit 0), recorded in " + reportDir.resolve("faultline-run.json"));
    }

    @Test
    void aFailedSuiteIsRecordedWithoutFailingTheBuild() throws Exception {
        run.environmentVariables.put("FAKE_RESULTS", "worker-crash-unsafe:FAILED:integrity.lost");
        run.environmentVariables.put("FAKE_EXIT", "1");

        run.execute();

        assertThat(RunRecord.read(reportDir).exitCode()).isEqualTo(1);
        assertThat(log.lines()).contains("WARN Faultline suite FAILED (exit 1), recorded in "
                + reportDir.resolve("faultline-run.json") + ": faultline:verify fails the build");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 137})
    void abortedErrorAndAKilledCliAreRecordedWithoutFailingTheBuild(int exitCode) throws Exception {
        run.environmentVariables.put("FAKE_EXIT", Integer.toString(exitCode));
        run.environmentVariables.put("FAKE_STDERR", "faultline run: worker-crash: harness error: Docker engine lost");

        run.execute();

        RunRecord record = RunRecord.read(reportDir);
        assertThat(record.exitCode()).isEqualTo(exitCode);
        assertThat(record.errors()).containsExactly("faultline run: worker-crash: harness error: Docker engine lost");
        assertThat(log.lines()).contains("WARN faultline run: worker-crash: harness error: Docker engine lost");
    }

    @Test
    void invalidScenariosFailTheBuildAtOnceWithTheClisMessage() {
        run.environmentVariables.put("FAKE_EXIT", "2");
        run.environmentVariables.put("FAKE_STDERR", "src/test/chaos/bad.yaml:10:21 faults[0].with.signal: expected one"
                + " of kill, term but was 'HUP'|nothing was started.");

        assertThatThrownBy(run::execute).isInstanceOf(MojoFailureException.class).hasMessage("""
                Faultline scenarios are invalid (exit 2): nothing was started:
                src/test/chaos/bad.yaml:10:21 faults[0].with.signal: expected one of kill, term but was 'HUP'
                nothing was started.""");
    }

    @Test
    void aScenarioPathThatDoesNotExistFailsTheBuildAndStartsNothing() {
        run.scenarios = List.of("src/test/chaos", "src/test/chaos/worker-crsh.yaml");

        assertThatThrownBy(run::execute).isInstanceOf(MojoFailureException.class).hasMessage("faultline:run: scenario"
                + " path 'src/test/chaos/worker-crsh.yaml' does not exist in " + basedir + ": expected a scenario file"
                + " or a folder of them (<scenarios> or -Dfaultline.scenarios); nothing was started");
        assertThat(Projects.call(reportDir)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"faultline.skip", "skipITs", "skipTests", "maven.test.skip"})
    void eachSkipFlagStartsNothing(String flag) throws Exception {
        run.skip = flag.equals("faultline.skip");
        run.skipITs = flag.equals("skipITs");
        run.skipTests = flag.equals("skipTests");
        run.mavenTestSkip = flag.equals("maven.test.skip");

        run.execute();

        assertThat(Projects.call(reportDir)).isNull();
        assertThat(RunRecord.file(reportDir)).doesNotExist();
        assertThat(log.lines()).containsExactly("INFO Faultline suite skipped: " + flag + " is set");
    }

    @Test
    void theCliRunsInTheProjectDirectoryWithTheScenariosReportDirAndSeed() throws Exception {
        Files.writeString(basedir.resolve("src/test/chaos/extra.yaml"), "scenario: extra\n");
        run.scenarios = List.of("src/test/chaos", "src/test/chaos/extra.yaml");
        run.seed = 42L;

        run.execute();

        Properties call = Projects.call(reportDir);
        assertThat(call.getProperty("args").split("\n")).containsExactly("run", "src/test/chaos",
                "src/test/chaos/extra.yaml", "--report-dir", reportDir.toString(), "--seed", "42");
        assertThat(call.getProperty("cwd")).isEqualTo(basedir.toString());
    }

    @Test
    void theClasspathIsFaultlinesThenTheProjectsTestClasspathWhichIsAlsoFaultlineClasspath() throws Exception {
        run.execute();

        Properties call = Projects.call(reportDir);
        String project = basedir.resolve("target/test-classes") + File.pathSeparator + basedir.resolve("target/classes");
        assertThat(call.getProperty("classpath")).isEqualTo(Projects.fakeCliClasspath() + File.pathSeparator + project);
        assertThat(call.getProperty("env.FAULTLINE_CLASSPATH")).isEqualTo(project);
    }

    @Test
    void withoutTheTestClasspathOnlyFaultlinesClasspathIsUsed() throws Exception {
        run.includeTestClasspath = false;

        run.execute();

        Properties call = Projects.call(reportDir);
        assertThat(call.getProperty("classpath")).isEqualTo(Projects.fakeCliClasspath().toString());
        assertThat(call.getProperty("env.FAULTLINE_CLASSPATH")).isNull();
    }

    @Test
    void theJvmGetsGatlingsOpensThenTheConfiguredArgsAndTheConfiguredEnvironment() throws Exception {
        run.jvmArgs = List.of("-Dteam.flag=on", "-Xmx256m");
        run.environmentVariables.put("TEAM_VAR", "orders");

        run.execute();

        Properties call = Projects.call(reportDir);
        assertThat(call.getProperty("jvmArgs").split("\n")).containsSubsequence(
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dteam.flag=on", "-Xmx256m");
        assertThat(call.getProperty("env.TEAM_VAR")).isEqualTo("orders");
        assertThat(call.getProperty("env.TESTCONTAINERS_HOST_OVERRIDE")).isEqualTo("localhost");
        assertThat(call.getProperty("env.TESTCONTAINERS_RYUK_DISABLED")).isEqualTo("true");
    }

    @Test
    void resultsAnEarlierRunLeftAreNotRecorded() throws Exception {
        FakeCli.writeResult(reportDir.resolve("renamed-long-ago"), "renamed-long-ago", "FAILED", List.of("integrity.lost"));
        Files.setLastModifiedTime(reportDir.resolve("renamed-long-ago/result.json"),
                FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        run.environmentVariables.put("FAKE_RESULTS", "worker-crash:PASSED");

        run.execute();

        assertThat(RunRecord.read(reportDir).results()).containsExactly(reportDir.resolve("worker-crash"));
    }

    @Test
    void aSuiteOverItsTimeoutIsStoppedAsByCtrlCAndWaitedFor() throws Exception {
        run.environmentVariables.put("FAKE_MODE", "hang");
        run.timeout = 1;

        run.execute();

        RunRecord record = RunRecord.read(reportDir);
        assertThat(record.timeoutSeconds()).isEqualTo(1);
        assertThat(record.exitCode()).isNotZero();
        assertThat(reportDir.resolve("reverted")).as("the CLI's shutdown ran before faultline:run ended").exists();
        assertThat(log.lines()).contains("ERROR faultline:run: the suite is still running after its timeout of 1 s:"
                + " stopping it (its faults are reverted, its containers removed)");
    }
}
