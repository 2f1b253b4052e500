package dev.faultline.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.project.MavenProject;

/** A team's project in a folder, and the plugin's goals configured for it as Maven would, with {@link FakeCli}. */
final class Projects {
    private Projects() {
    }

    /** Where FakeCli is: the forked JVM's "Faultline" classpath. */
    static Path fakeCliClasspath() {
        try {
            return Path.of(FakeCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** faultline:run of a project in {@code basedir} with the defaults of its parameters and src/test/chaos. */
    static RunMojo run(Path basedir, RecordingLog log) throws IOException {
        Files.createDirectories(basedir.resolve("src/test/chaos"));
        MavenProject project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(basedir.resolve("target").toString());
        project.getBuild().setOutputDirectory(basedir.resolve("target/classes").toString());
        project.getBuild().setTestOutputDirectory(basedir.resolve("target/test-classes").toString());

        DefaultArtifact cli = new DefaultArtifact("dev.faultline", "faultline-cli", "0.1.0-SNAPSHOT", "compile", "jar",
                null, new DefaultArtifactHandler("jar"));
        cli.setFile(fakeCliClasspath().toFile());

        RunMojo mojo = new RunMojo();
        mojo.setLog(log);
        mojo.project = project;
        mojo.pluginArtifacts = List.of(cli);
        mojo.scenarios = List.of("src/test/chaos");
        mojo.reportDir = basedir.resolve("target/faultline").toFile();
        mojo.includeTestClasspath = true;
        mojo.environmentVariables = new HashMap<>();
        mojo.mainClass = FakeCli.class.getName();
        mojo.inheritedEnvironment = Map.of();
        return mojo;
    }

    /** faultline:verify of the same project. */
    static VerifyMojo verify(Path basedir, RecordingLog log) {
        VerifyMojo mojo = new VerifyMojo();
        mojo.setLog(log);
        mojo.reportDir = basedir.resolve("target/faultline").toFile();
        return mojo;
    }

    /** How FakeCli was called, or null when it was not. */
    static Properties call(Path reportDir) {
        Path file = reportDir.resolve(FakeCli.CALL);
        if (!Files.exists(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            Properties call = new Properties();
            call.load(in);
            return call;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
