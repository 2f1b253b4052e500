package dev.faultline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import java.util.Timer;
import java.util.TimerTask;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.faultline.engine.run.Failures;
import dev.faultline.engine.run.Verdict;

/**
 * {@code faultline}: run and validate chaos scenarios against containerized agent topologies. Every command takes
 * {@code -h}/{@code --help} and {@code -V}/{@code --version} (exit 0). A failure of the harness itself, in any
 * command, exits 4 (ERROR) with a one-line reason on stderr, never 1 (FAILED) nor a stack trace.
 */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
        description = "Chaos-engineering and fault-injection harness for multi-agent systems: scenarios, game-day"
                + " drills and their history.",
        subcommands = {RunCommand.class, ValidateCommand.class, ReportCommand.class, DrillCommand.class,
                HistoryCommand.class})
public final class FaultlineCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: run, validate, report, drill or history");
    }

    public static int execute(String... args) {
        return execute(commandLine(), args);
    }

    /** The command line with its subcommands, and a harness failure in any of them told in one line, exit 4. */
    static CommandLine commandLine() {
        return new CommandLine(new FaultlineCommand())
                .setExecutionExceptionHandler((failure, command, parsed) -> harnessFailure(failure, command));
    }

    static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (StackOverflowError | OutOfMemoryError | LinkageError e) { // picocli lets Errors through
            return harnessFailure(e, commandLine);
        }
    }

    public static void main(String[] args) {
        // a library's thread that dies (Testcontainers' exit hook once the Docker engine is gone) says so in a line
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println("faultline: thread "
                + thread.getName() + " ended: " + String.valueOf(e).lines().findFirst().orElse("")));
        exit(execute(args));
    }

    /**
     * How long the JVM's exit hooks may take once a command is done: Testcontainers' own hook lists the Docker engine's
     * containers, and an engine that stopped answering held the exit until it answered again (ten minutes, seen).
     */
    static final Duration EXIT_HOOKS_LIMIT = Duration.ofSeconds(10);

    /** Exits with {@code code}; past {@link #EXIT_HOOKS_LIMIT} the hooks still running are cut short, same code. */
    static void exit(int code) {
        Timer limit = new Timer("faultline-exit-limit", true);
        limit.schedule(new TimerTask() {
            @Override
            public void run() {
                System.err.println("faultline: the exit hooks did not end within " + EXIT_HOOKS_LIMIT.toSeconds()
                        + " s (the Docker engine does not answer); exiting without them");
                System.err.flush();
                Runtime.getRuntime().halt(code);
            }
        }, EXIT_HOOKS_LIMIT.toMillis());
        System.out.flush();
        System.exit(code);
    }

    /** What escaped {@code command}: the harness failed, not the system under test. */
    private static int harnessFailure(Throwable failure, CommandLine command) {
        System.err.println(command.getCommandSpec().qualifiedName() + ": harness error: " + Failures.oneLine(failure));
        return Verdict.ERROR.exitCode();
    }

    /** {@code faultline <version>}: the Maven project version this jar was built from ({@code version.properties}). */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"faultline " + current()};
        }

        static String current() throws IOException {
            try (InputStream in = FaultlineCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing from the build");
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            }
        }
    }
}
