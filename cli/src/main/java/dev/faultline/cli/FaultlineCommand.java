package dev.faultline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline}: run and validate chaos scenarios against containerized agent topologies. */
@Command(name = "faultline", mixinStandardHelpOptions = true, version = "faultline 0.1.0",
        description = "Chaos-engineering and fault-injection harness for multi-agent systems.",
        subcommands = {RunCommand.class, ValidateCommand.class, ReportCommand.class})
public final class FaultlineCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: run, validate or report");
    }

    public static int execute(String... args) {
        return new CommandLine(new FaultlineCommand())
                .execute(args);
    }

    public static void main(String[] args) {
        // a library's thread that dies (Testcontainers' exit hook once the Docker engine is gone) says so in a line
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println("faultline: thread "
                + thread.getName() + " ended: " + String.valueOf(e).lines().findFirst().orElse("")));
        System.exit(execute(args));
    }
}
