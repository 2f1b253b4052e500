package dev.faultline.cli.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.faultline.cli.schema.FormatSchemas.Kind;

/**
 * Every YAML file the repository ships (scenarios with their topologies and controls, drills, the example
 * consumer's scenarios) and every valid one
 * its tests use matches its JSON Schema, and every shipped file names that schema on its first line, so an editor
 * with a YAML language server completes and checks it.
 */
class ShippedFilesMatchTheSchemasTest {
    static final String MODELINE = "# yaml-language-server: $schema=";

    static List<Path> shippedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("scenarios", "drills", "examples")) {
            try (Stream<Path> walk = Files.walk(FormatSchemas.ROOT.resolve(folder))) {
                walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    /**
     * Valid files of the tests: their scenarios and topologies, the topologies of the container tests. Not the
     * engine's test scenario (its fault types are test plugins) nor {@code harness/steady-load.yaml} (a template).
     */
    static Stream<Object[]> testFiles() {
        Path root = FormatSchemas.ROOT;
        return Stream.of(
                new Object[] {root.resolve("engine/src/test/resources/scenarios/topologies/support-desk.yaml"),
                    Kind.TOPOLOGY},
                new Object[] {root.resolve("cli/src/test/resources/harness/short-worker-crash.yaml"), Kind.SCENARIO},
                new Object[] {root.resolve("cli/src/test/resources/hostile/base/valid.yaml"), Kind.SCENARIO},
                new Object[] {root.resolve("cli/src/test/resources/broker-targets.yaml"), Kind.TOPOLOGY},
                new Object[] {root.resolve("cli/src/test/resources/clock-targets.yaml"), Kind.TOPOLOGY},
                new Object[] {root.resolve("cli/src/test/resources/resource-targets.yaml"), Kind.TOPOLOGY},
                new Object[] {root.resolve("cli/src/test/resources/state-targets.yaml"), Kind.TOPOLOGY});
    }

    @Test
    void everyKindOfShippedFileIsThere() throws IOException {
        assertThat(shippedFiles()).extracting(Kind::of).contains(Kind.SCENARIO, Kind.TOPOLOGY, Kind.DRILL);
        assertThat(shippedFiles()).hasSizeGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void aShippedFileMatchesItsSchema(Path file) {
        List<String> violations = FormatSchemas.of(Kind.of(file)).violations(file);

        assertThat(violations).as("%s against %s", file, Kind.of(file).schemaFile().getFileName()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void aShippedFileNamesItsSchemaOnItsFirstLine(Path file) throws IOException {
        Path schema = file.getParent().relativize(Kind.of(file).schemaFile());
        String expected = MODELINE + schema.toString().replace('\\', '/');

        String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);

        assertThat(firstLine).as(file.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testFiles")
    void aValidFileOfTheTestsMatchesItsSchema(Path file, Kind kind) {
        List<String> violations = FormatSchemas.of(kind).violations(file);

        assertThat(violations).as("%s against %s", file, kind.schemaFile().getFileName()).isEmpty();
    }
}
