package dev.faultline.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import dev.faultline.engine.run.Verdict;

/**
 * {@code faultline:run}: runs the project's scenarios as {@code faultline run} does, in a JVM of its own with the
 * plugin's classpath (the project's test classpath after it), and records the outcome for {@code faultline:verify}
 * without failing the build, so the post-integration-test phase still runs. Only scenarios that do not validate (exit
 * 2, nothing was started) or a scenario path that does not exist fail it at once.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class RunMojo extends FaultlineMojo {
    /** How long a Ctrl-C of Maven waits for the CLI to say that the same Ctrl-C reached it before it sends SIGTERM. */
    static final Duration CTRL_C_ANNOUNCEMENT = Duration.ofSeconds(2);

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The plugin's runtime classpath: faultline-cli and its dependencies, what the forked JVM runs. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    /** Scenario files and folders of them, relative to the project's base directory. */
    @Parameter(property = "faultline.scenarios", defaultValue = "src/test/chaos", required = true)
    List<String> scenarios;

    /** Overrides every scenario's seed ({@code --seed}). */
    @Parameter(property = "faultline.seed")
    Long seed;

    /** Options of the forked JVM, after Faultline's own (an {@code -Xmx} for a long load, a system property). */
    @Parameter(property = "faultline.jvmArgs")
    List<String> jvmArgs;

    /** Environment variables of the forked JVM, on top of Maven's (they win over Faultline's defaults too). */
    @Parameter
    Map<String, String> environmentVariables;

    /**
     * Puts the project's test classpath (target/test-classes, target/classes and the test dependencies) after
     * Faultline's, and in {@code FAULTLINE_CLASSPATH}: the team's own fault plugins and Gatling simulations.
     */
    @Parameter(property = "faultline.includeTestClasspath", defaultValue = "true")
    boolean includeTestClasspath;

    /** Seconds the suite may take; then it is stopped as by Ctrl-C (its faults reverted) and ends ABORTED. 0: none. */
    @Parameter(property = "faultline.timeout", defaultValue = "0")
    int timeout;

    /** The CLI's main class; tests run a stand-in. */
    String mainClass = CliLaunch.CLI_MAIN_CLASS;
    /** Maven's environment, which the forked JVM inherits; tests give their own. */
    Map<String, String> inheritedEnvironment = System.getenv();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String skippedBy = skippedBy();
        if (skippedBy != null) {
            getLog().info("Faultline suite skipped: " + skippedBy + " is set");
            return;
        }
        if (timeout < 0) {
            throw new MojoExecutionException("faultline:run: timeout must be 0 (none) or a number of seconds, but was "
                    + timeout);
        }
        Path basedir = project.getBasedir().toPath();
        Path dir = reportDir.toPath().toAbsolutePath();
        checkScenarioPaths(basedir);
        try {
            Files.deleteIfExists(RunRecord.file(dir)); // an earlier run's record must never be verified as this one's
        } catch (IOException e) {
            throw new MojoExecutionException("faultline:run: cannot remove the earlier record " + RunRecord.file(dir)
                    + ": " + e.getMessage(), e);
        }
        CliLaunch launch = launch(basedir, dir);
        getLog().debug("faultline:run: " + String.join(" ", launch.commandLine()));

        Instant startedAt = Instant.now();
        Ended ended = runToTheEnd(launch);
        int exitCode = ended.exitCode();
        record(new RunRecord(exitCode, scenarios, resultsSince(dir, startedAt), ended.errLines(), startedAt,
                Instant.now(), ended.timedOut() ? timeout : null), dir);
        if (exitCode == Verdict.INVALID_INPUT_EXIT) {
            throw new MojoFailureException(SuiteOutcome.headline(exitCode) + ":\n" + String.join("\n", ended.errLines()));
        }
        String outcome = "Faultline suite " + SuiteOutcome.name(exitCode) + " (exit " + exitCode + "), recorded in "
                + RunRecord.file(dir);
        if (exitCode == Verdict.PASSED.exitCode()) {
            getLog().info(outcome);
        } else {
            getLog().warn(outcome + ": faultline:verify fails the build");
        }
    }

    /** How the CLI ended: its exit code, whether the timeout stopped it, its last stderr lines. */
    private record Ended(int exitCode, boolean timedOut, List<String> errLines) {
    }

    /** Runs the CLI to its end, which a Ctrl-C of Maven or the timeout brings as a Ctrl-C of the CLI would. */
    private Ended runToTheEnd(CliLaunch launch) throws MojoExecutionException {
        ForkedCli cli;
        try {
            cli = ForkedCli.start(launch, getLog()::info, getLog()::warn);
        } catch (IOException e) {
            throw new MojoExecutionException("faultline:run: cannot start " + launch.java() + ": " + e.getMessage(), e);
        }
        Thread stopOnExit = new Thread(() -> stopQuietly(cli, CTRL_C_ANNOUNCEMENT), "faultline-run-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            Integer exited = cli.awaitExit(Duration.ofSeconds(timeout));
            if (exited != null) {
                return new Ended(exited, false, cli.errLines());
            }
            getLog().error("faultline:run: the suite is still running after its timeout of " + timeout
                    + " s: stopping it (its faults are reverted, its containers removed)");
            int stopped = cli.stop(Duration.ZERO);
            return new Ended(stopped, true, cli.errLines());
        } catch (InterruptedException e) {
            stopQuietly(cli, Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("faultline:run: interrupted while the suite ran; it was stopped", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the CLI itself
            }
        }
    }

    /** The java command that runs the CLI for this project's scenarios into {@code dir}. */
    CliLaunch launch(Path basedir, Path dir) throws MojoExecutionException {
        List<String> arguments = new ArrayList<>();
        arguments.add("run");
        arguments.addAll(scenarios);
        arguments.add("--report-dir");
        arguments.add(dir.toString());
        if (seed != null) {
            arguments.add("--seed");
            arguments.add(seed.toString());
        }
        List<Path> faultline = new ArrayList<>();
        for (Artifact artifact : pluginArtifacts) {
            if (artifact.getFile() != null) {
                faultline.add(artifact.getFile().toPath());
            }
        }
        return CliLaunch.of(Path.of(System.getProperty("java.home")), jvmArgs == null ? List.of() : jvmArgs,
                faultline, includeTestClasspath ? testClasspath() : List.of(), mainClass, arguments,
                inheritedEnvironment, environmentVariables == null ? Map.of() : environmentVariables, basedir);
    }

    private List<Path> testClasspath() throws MojoExecutionException {
        try {
            return project.getTestClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("faultline:run: the project's test classpath is not resolved: "
                    + e.getMessage(), e);
        }
    }

    /** Every scenario path exists: a typo fails here, with nothing started, not as an invalid suite later. */
    private void checkScenarioPaths(Path basedir) throws MojoFailureException {
        if (scenarios == null || scenarios.isEmpty()) {
            throw new MojoFailureException("faultline:run: no scenarios: set <scenarios><scenario>src/test/chaos"
                    + "</scenario></scenarios> or -Dfaultline.scenarios=a.yaml,dir (files or folders of them)");
        }
        for (String scenario : scenarios) {
            if (!Files.exists(basedir.resolve(scenario))) {
                throw new MojoFailureException("faultline:run: scenario path '" + scenario + "' does not exist in "
                        + basedir + ": expected a scenario file or a folder of them (<scenarios> or"
                        + " -Dfaultline.scenarios); nothing was started");
            }
        }
    }

    private static List<Path> resultsSince(Path dir, Instant startedAt) throws MojoExecutionException {
        try {
            return RunRecord.resultsWrittenSince(dir, startedAt);
        } catch (IOException e) {
            throw new MojoExecutionException("faultline:run: cannot list the results in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private static void record(RunRecord record, Path dir) throws MojoExecutionException {
        try {
            record.write(dir);
        } catch (IOException e) {
            throw new MojoExecutionException("faultline:run: cannot write " + RunRecord.file(dir) + ": "
                    + e.getMessage(), e);
        }
    }

    private void stopQuietly(ForkedCli cli, Duration announcement) {
        try {
            if (cli.alive()) {
                getLog().warn("faultline:run: stopping the suite (its faults are reverted, its containers removed)...");
                cli.stop(announcement);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
