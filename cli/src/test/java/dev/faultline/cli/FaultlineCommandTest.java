package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The conventions every command keeps: help and version exit 0; a failure of the harness itself exits 4. */
class FaultlineCommandTest {
    private static final Path SCENARIOS = Path.of(System.getProperty("faultline.root", "..")).resolve("scenarios");
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "run --help", "run -h", "validate --help", "validate -h", "report --help",
            "report -h"})
    void helpIsPrintedWithExitZero(String args) {
        int exit = FaultlineCommand.execute(args.split(" "));

        assertThat(exit).as(console.err()).isZero();
        String command = args.startsWith("-") ? "faultline" : "faultline " + args.split(" ")[0];
        assertThat(console.out()).startsWith("Usage: " + command + " ").contains("-h, --help").contains("-V, --version");
        assertThat(console.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "run --version", "validate -V", "report --version"})
    void theVersionIsTheBuildsWithExitZero(String args) {
        String built = System.getProperty("faultline.version");

        int exit = FaultlineCommand.execute(args.split(" "));

        assertThat(exit).as(console.err()).isZero();
        assertThat(built).as("set by the cli pom's surefire configuration").isNotBlank();
        assertThat(console.out()).isEqualTo("faultline " + built + System.lineSeparator());
    }

    @Test
    void aResultsFolderThatCannotBeCreatedExitsFourWithOneLineAndNothingStarted() throws Exception {
        Path file = Files.writeString(tmp.resolve("results"), "a file, not a folder");

        int exit = FaultlineCommand.execute("run", SCENARIOS.resolve("worker-crash.yaml").toString(),
                "--report-dir", file.toString());

        assertThat(exit).as(console.err()).isEqualTo(4);
        assertThat(console.err()).isEqualTo("faultline run: worker-crash: harness error: cannot write the results: cannot prepare " + file.resolve("worker-crash")
                + ": FileSystemException: " + file.resolve("worker-crash") + ": Not a directory (nothing was started)"
                + System.lineSeparator());
        assertThat(console.out()).contains("results: not saved").doesNotContain("\tat ");
        assertThat(file).hasContent("a file, not a folder");
    }

    @Test
    void aResultsFolderTooLongForTheFileSystemExitsFourWithOneLine() throws Exception {
        // names are bounded at validate time, but a report directory is the user's: past PATH_MAX (4096) the
        // scenario's folder can never be made, so nothing starts
        Path reportDir = tmp.resolve(String.join("/", java.util.Collections.nCopies(20, "d".repeat(250))));

        int exit = FaultlineCommand.execute("run", SCENARIOS.resolve("worker-crash.yaml").toString(),
                "--report-dir", reportDir.toString());

        assertThat(exit).as(console.err()).isEqualTo(4);
        assertThat(console.err()).startsWith("faultline run: worker-crash: harness error: cannot write the results: "
                        + "cannot prepare ")
                .contains("File name too long").hasLineCount(1).doesNotContain("\tat ");
    }

    @Test
    void anExceptionThatEscapesACommandExitsFourWithOneLineNamingTheCommand() {
        CommandLine commandLine = FaultlineCommand.commandLine().addSubcommand("boom", new Boom());

        int exit = FaultlineCommand.execute(commandLine, "boom");

        assertThat(exit).isEqualTo(4);
        assertThat(console.err()).isEqualTo("faultline boom: harness error: cannot do it: disk?gone"
                + System.lineSeparator());
    }

    @Test
    void anErrorThatEscapesACommandExitsFourWithOneLine() {
        CommandLine commandLine = FaultlineCommand.commandLine().addSubcommand("deep", new Deep());

        int exit = FaultlineCommand.execute(commandLine, "deep");

        assertThat(exit).isEqualTo(4);
        assertThat(console.err()).isEqualTo("faultline: harness error: StackOverflowError" + System.lineSeparator());
    }

    @Command(name = "boom")
    private static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("cannot do it", new java.io.IOException("disk\ngone"));
        }
    }

    @Command(name = "deep")
    private static final class Deep implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }
}
