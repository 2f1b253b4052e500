package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile scenarios and topologies ({@code src/test/resources/hostile/}): each is refused by {@code faultline
 * validate} with exit 2, a {@code file:line:col field} problem saying why (its {@code # expect:} line), no stack trace,
 * nothing of the file beyond a short excerpt, and no control character on the terminal.
 */
class HostileInputTest {
    /** Written into values of hostile files beyond the excerpt an error may quote: it must never be shown. */
    private static final String SECRET = "SECRET-NEVER-SHOWN";
    private static final Pattern LOCATED = Pattern.compile("\\S+\\.ya?ml:[1-9]\\d*:[1-9]\\d* \\S.*");
    private static final int LONGEST_LINE = 1000;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    static Path corpus() {
        try {
            return Path.of(HostileInputTest.class.getResource("/hostile/base/valid.yaml").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> hostileFiles() throws IOException {
        try (Stream<Path> files = Files.list(corpus())) {
            List<Path> hostile = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            return hostile.stream();
        }
    }

    @Test
    void theCorpusHoldsAtLeastSixtyHostileInputs() throws IOException {
        assertThat(hostileFiles().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void theBaseEveryHostileCaseChangesIsValid() {
        int exit = FaultlineCommand.execute("validate", corpus().resolve("base/valid.yaml").toString());

        assertThat(exit).as(console.err()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void aHostileInputIsRefusedWithItsLineAndNothingMore(Path file) throws IOException {
        String expected = expectation(file);

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> FaultlineCommand.execute("validate", file.toString()));

        assertThat(exit).as(console.err()).isEqualTo(2);
        assertThat(console.err().lines().filter(l -> l.contains(expected)).findFirst())
                .as("a located problem containing '%s' in:%n%s", expected, console.err())
                .hasValueSatisfying(line -> assertThat(line).matches(LOCATED));
        assertShowsNothingMore();
    }

    @Test
    void aDeviceGivenAsTheScenarioIsRefusedWithoutReadingIt() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> FaultlineCommand.execute("validate", "/dev/zero"));

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains("/dev/zero (file): cannot read the file: not a regular file");
        assertShowsNothingMore();
    }

    @Test
    void aFifoGivenAsTheScenarioIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = tmp.resolve("fifo.yaml");
        assumeTrue(mkfifo(fifo), "mkfifo is available");

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> FaultlineCommand.execute("validate", fifo.toString()));

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(fifo + " (file): cannot read the file: not a regular file");
        assertShowsNothingMore();
    }

    @Test
    void aTopologyThatIsAFifoIsRefusedAtTheTopologyLine() throws Exception {
        assumeTrue(mkfifo(tmp.resolve("fifo.yaml")), "mkfifo is available");
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "scenario: s\ntopology: fifo.yaml\n");

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> FaultlineCommand.execute("validate", scenario.toString()));

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(scenario + ":2:11 topology: cannot read topology file")
                .contains("not a regular file");
        assertShowsNothingMore();
    }

    @Test
    void aTopologyLinkedToADeviceOutsideTheTreeIsRefusedAtTheTopologyLine() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Files.createSymbolicLink(tmp.resolve("zero.yaml"), Path.of("/dev/zero"));
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "scenario: s\ntopology: zero.yaml\n");

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> FaultlineCommand.execute("validate", scenario.toString()));

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(scenario + ":2:11 topology: expected a topology file inside this "
                + "scenario's folder or the folder above it");
        assertShowsNothingMore();
    }

    @Test
    void aTopologyLinkedFromOutsideTheTreeIsRefusedWithoutShowingIt() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = outside.resolve("secret.yaml");
        Files.writeString(secret, "topology: " + SECRET + "\nservices: " + SECRET + "\n");
        Path scenarios = Files.createDirectories(tmp.resolve("suite/scenarios"));
        Files.createSymbolicLink(scenarios.resolve("linked.yaml"), secret);
        Path scenario = scenarios.resolve("s.yaml");
        Files.writeString(scenario, "scenario: s\ntopology: linked.yaml\n");

        int exit = FaultlineCommand.execute("validate", scenario.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(scenario + ":2:11 topology: expected a topology file inside this "
                + "scenario's folder or the folder above it");
        assertShowsNothingMore();
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutReadingItWhole() throws Exception {
        Path large = tmp.resolve("large.yaml");
        Files.writeString(large, "scenario: large\ndescription: " + "x".repeat(300 * 1024) + SECRET + "\n");

        int exit = FaultlineCommand.execute("validate", large.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(large + " (file): cannot read the file: larger than 256 KiB");
        assertShowsNothingMore();
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path binary = tmp.resolve("binary.yaml");
        Files.write(binary, new byte[] {'s', 'c', (byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});

        int exit = FaultlineCommand.execute("validate", binary.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(binary + " (file): cannot read the file: not UTF-8 text");
        assertShowsNothingMore();
    }

    private void assertShowsNothingMore() {
        String all = console.out() + console.err();
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(SECRET);
        assertThat(console.out()).doesNotContain("ok  ");
        Optional<String> unprintable = all.codePoints()
                .filter(c -> c != '\n' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                .mapToObj(c -> String.format("U+%04X", c)).findFirst();
        assertThat(unprintable).as("a control character on the terminal").isEmpty();
        assertThat(all.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(LONGEST_LINE));
    }

    private static String expectation(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("# expect: ")).map(l -> l.substring("# expect: ".length()))
                .findFirst().orElseThrow(() -> new IllegalStateException(file + " has no '# expect: ' line"));
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
