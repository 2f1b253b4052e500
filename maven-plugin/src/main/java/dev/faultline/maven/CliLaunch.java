package dev.faultline.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@code faultline:run} starts the Faultline CLI in a JVM of its own: the {@code java} command, its classpath
 * (the plugin's, then the project's test classpath), the CLI's arguments and the environment on top of Maven's.
 * Immutable; assembled by {@link #of}, started by {@link ForkedCli}.
 *
 * @param java        the {@code java} executable
 * @param jvmArgs     options before the classpath
 * @param classpath   Faultline's own classes first, then the project's
 * @param mainClass   the CLI's main class
 * @param arguments   the CLI's arguments ({@code run <path>... --report-dir DIR [--seed N]})
 * @param environment variables set (or replaced) on top of the inherited environment
 * @param workingDirectory where it runs: the project's base directory, which relative scenario paths start from
 */
record CliLaunch(Path java, List<String> jvmArgs, List<Path> classpath, String mainClass, List<String> arguments,
                 Map<String, String> environment, Path workingDirectory) {
    /** The CLI's main class, as the {@code faultline} launcher runs it. */
    static final String CLI_MAIN_CLASS = "dev.faultline.cli.FaultlineCommand";
    /** Gatling ({@code load.driver: gatling}) reads String internals: the launcher and the CLI jar give it this. */
    static final String GATLING_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** The variable the {@code faultline} launcher adds to its classpath: a team's own classes. */
    static final String FAULTLINE_CLASSPATH = "FAULTLINE_CLASSPATH";
    /** Testcontainers' settings of the launcher: Docker on this host, no reaper container. */
    static final Map<String, String> TESTCONTAINERS_DEFAULTS = Map.of(
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost",
            "TESTCONTAINERS_RYUK_DISABLED", "true");

    CliLaunch {
        jvmArgs = List.copyOf(jvmArgs);
        classpath = List.copyOf(classpath);
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /**
     * @param javaHome          the JDK or JRE whose {@code bin/java} runs the CLI (Maven's own)
     * @param faultlineClasspath the plugin's runtime classpath: faultline-cli and its dependencies
     * @param projectClasspath  the project's test classpath (its fault plugins, Gatling simulations), or empty
     * @param cliArguments      the CLI's arguments
     * @param inherited         Maven's own environment, which the CLI inherits
     * @param configured        the {@code environmentVariables} of the plugin's configuration: they win
     */
    static CliLaunch of(Path javaHome, List<String> userJvmArgs, List<Path> faultlineClasspath,
                        List<Path> projectClasspath, String mainClass, List<String> cliArguments,
                        Map<String, String> inherited, Map<String, String> configured, Path workingDirectory) {
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add(GATLING_OPENS);
        // the CLI's output is read back line by line as UTF-8, whatever the platform's encoding
        jvmArgs.add("-Dsun.stdout.encoding=UTF-8");
        jvmArgs.add("-Dsun.stderr.encoding=UTF-8");
        jvmArgs.addAll(userJvmArgs);

        Set<Path> classpath = new LinkedHashSet<>(faultlineClasspath);
        classpath.addAll(projectClasspath);

        Map<String, String> environment = new LinkedHashMap<>();
        TESTCONTAINERS_DEFAULTS.forEach((name, value) -> {
            if (inherited.get(name) == null) {
                environment.put(name, value);
            }
        });
        if (!projectClasspath.isEmpty()) {
            environment.put(FAULTLINE_CLASSPATH, joined(projectClasspath));
        }
        configured.forEach((name, value) -> environment.put(name, value == null ? "" : value));
        return new CliLaunch(javaHome.resolve("bin").resolve("java"), jvmArgs, new ArrayList<>(classpath), mainClass,
                cliArguments, environment, workingDirectory);
    }

    /** The whole command line, {@code java} first. */
    List<String> commandLine() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(joined(classpath));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    private static String joined(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
