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
        System.exit(execute(args));
    }
}
