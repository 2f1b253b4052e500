package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * The example consumer (examples/chaos-consumer) stays in step with this build, checked here in seconds rather than
 * only when the build runs it: it depends on this version, on the same JUnit, and every scenario in it loads.
 */
class ExampleConsumerTest {
    private static final Path EXAMPLE = ResultSchema.ROOT.resolve("examples/chaos-consumer");
    private static final Path CHAOS = EXAMPLE.resolve("src/test/chaos");

    @Test
    void itDependsOnThisVersionOfFaultlineAndTheSameJUnit() throws IOException {
        String example = Files.readString(EXAMPLE.resolve("pom.xml"));
        String root = Files.readString(ResultSchema.ROOT.resolve("pom.xml"));
        assertThat(property(example, "faultline.version")).isEqualTo(property(root, "version"));
        assertThat(property(example, "junit.version")).isEqualTo(property(root, "junit.version"));
    }

    @Test
    void everyScenarioInItLoads() {
        List<Scenario> scenarios = ScenarioLoader.standard()
                .loadAll(List.of(CHAOS, CHAOS.resolve("plugin"), CHAOS.resolve("broken")));
        assertThat(scenarios).extracting(Scenario::name)
                .containsExactly("desk-crash", "desk-freeze", "desk-crash-no-journal");
    }

    @Test
    void aMisspeltFieldInItsScenarioWouldBeCaughtByTheLoader() throws IOException {
        Path copy = Files.createTempDirectory("example").resolve("chaos");
        Files.createDirectories(copy.resolve("topologies"));
        Files.copy(CHAOS.resolve("topologies/desk.yaml"), copy.resolve("topologies/desk.yaml"));
        Files.writeString(copy.resolve("desk-crash.yaml"),
                Files.readString(CHAOS.resolve("desk-crash.yaml")).replace("stable-for:", "stable-fr:"));
        assertThatThrownBy(() -> ScenarioLoader.standard().loadAll(List.of(copy)))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("objectives.recovery.stable-fr");
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as("<%s> in the pom", name).isTrue();
        return m.group(1).trim();
    }
}
