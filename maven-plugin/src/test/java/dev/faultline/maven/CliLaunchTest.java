package dev.faultline.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CliLaunchTest {
    private static final Path JAVA_HOME = Path.of("/opt/jdk-17");
    private static final Path BASEDIR = Path.of("/work/orders");

    @Test
    void theCommandIsJavaWithGatlingsOpensTheUserArgsTheClasspathTheMainClassAndTheCliArguments() {
        CliLaunch launch = CliLaunch.of(JAVA_HOME, List.of("-Xmx2g"), List.of(Path.of("/m2/faultline-cli.jar"),
                        Path.of("/m2/engine.jar")), List.of(Path.of("/work/orders/target/test-classes"),
                        Path.of("/m2/engine.jar")), CliLaunch.CLI_MAIN_CLASS,
                List.of("run", "src/test/chaos", "--report-dir", "/work/orders/target/faultline"), Map.of(), Map.of(),
                BASEDIR);

        assertThat(launch.commandLine()).containsExactly("/opt/jdk-17/bin/java",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dsun.stdout.encoding=UTF-8",
                "-Dsun.stderr.encoding=UTF-8", "-Xmx2g", "-cp",
                String.join(File.pathSeparator, "/m2/faultline-cli.jar", "/m2/engine.jar",
                        "/work/orders/target/test-classes"),
                "dev.faultline.cli.FaultlineCommand", "run", "src/test/chaos", "--report-dir",
                "/work/orders/target/faultline");
        assertThat(launch.workingDirectory()).isEqualTo(BASEDIR);
    }

    @Test
    void testcontainersSettingsMavenAlreadyHasAreLeftToIt() {
        CliLaunch launch = CliLaunch.of(JAVA_HOME, List.of(), List.of(), List.of(), CliLaunch.CLI_MAIN_CLASS,
                List.of("run"), Map.of("TESTCONTAINERS_HOST_OVERRIDE", "docker.internal"), Map.of(), BASEDIR);

        assertThat(launch.environment()).containsExactly(Map.entry("TESTCONTAINERS_RYUK_DISABLED", "true"));
    }

    @Test
    void theConfiguredEnvironmentWinsOverFaultlinesDefaults() {
        CliLaunch launch = CliLaunch.of(JAVA_HOME, List.of(), List.of(), List.of(Path.of("/p/classes")),
                CliLaunch.CLI_MAIN_CLASS, List.of("run"), Map.of(),
                Map.of("TESTCONTAINERS_RYUK_DISABLED", "false", "FAULTLINE_CLASSPATH", "/own.jar"), BASEDIR);

        assertThat(launch.environment()).containsOnly(Map.entry("TESTCONTAINERS_HOST_OVERRIDE", "localhost"),
                Map.entry("TESTCONTAINERS_RYUK_DISABLED", "false"), Map.entry("FAULTLINE_CLASSPATH", "/own.jar"));
    }
}
