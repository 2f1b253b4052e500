package dev.faultline.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** faultline:run with the real CLI (this module's test classpath holds it), on input that starts nothing. */
class RealCliTest {
    @TempDir
    Path basedir;
    final RecordingLog log = new RecordingLog();

    @Test
    void anInvalidScenarioFailsTheBuildWithTheClisFileLineColumnMessage() throws Exception {
        RunMojo run = Projects.run(basedir, log);
        run.mainClass = CliLaunch.CLI_MAIN_CLASS;
        run.pluginArtifacts = testClasspath();
        Files.writeString(basedir.resolve("src/test/chaos/bad.yaml"), """
                scenario: bad
                topology:
                  services:
                    worker: { image: faultline/agent, role: agent }
                faults:
                  - name: crash
                    type: agent-crash
                    target: worker
                    at: 10s
                    with: { signal: HUP }
                """);

        assertThatThrownBy(run::execute).isInstanceOf(MojoFailureException.class).hasMessage("""
                Faultline scenarios are invalid (exit 2): nothing was started:
                src/test/chaos/bad.yaml:10:21 faults[0].with.signal: expected one of kill, term but was 'HUP'
                nothing was started.""");
        assertThat(RunRecord.read(basedir.resolve("target/faultline")).exitCode()).isEqualTo(2);
    }

    /** This JVM's classpath as the plugin's artifacts: faultline-cli and its dependencies among them. */
    private static List<Artifact> testClasspath() {
        List<Artifact> artifacts = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            DefaultArtifact artifact = new DefaultArtifact("test", "entry" + artifacts.size(), "1", "compile", "jar",
                    null, new DefaultArtifactHandler("jar"));
            artifact.setFile(new File(entry));
            artifacts.add(artifact);
        }
        return artifacts;
    }
}
