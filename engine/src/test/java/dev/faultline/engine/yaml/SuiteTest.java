package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Scenario;

/** {@code loadAll}: files and folders of scenarios as one suite. */
class SuiteTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    private static String scenario(String name) {
        return "scenario: " + name + "\ntopology: topologies/tiny.yaml\n";
    }

    @Test
    void aDirectoryMeansEveryYamlFileDirectlyInItSortedByName() {
        YamlFixture files = new YamlFixture(dir);
        files.scenario("b.yml", scenario("second"));
        files.scenario("a.yaml", scenario("first"));
        files.scenario("c.yaml", scenario("third"));
        files.write("notes.txt", "not a scenario");
        files.write(".hidden.yaml", "not: a scenario");

        List<Scenario> suite = loader.loadAll(List.of(dir));

        assertThat(suite).extracting(Scenario::name).containsExactly("first", "second", "third");
        assertThat(suite).extracting(Scenario::source)
                .containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yml"), dir.resolve("c.yaml"));
    }

    @Test
    void filesAreLoadedInTheOrderGivenAndAFileNamedTwiceOnce() {
        YamlFixture files = new YamlFixture(dir);
        Path a = files.scenario("a.yaml", scenario("first"));
        Path b = files.scenario("b.yaml", scenario("second"));

        List<Scenario> suite = loader.loadAll(List.of(b, a, dir));

        assertThat(suite).extracting(Scenario::name).containsExactly("second", "first");
    }

    @Test
    void scenarioNamesMustBeUniqueAcrossTheSuite() {
        YamlFixture files = new YamlFixture(dir);
        Path a = files.scenario("a.yaml", scenario("same"));
        Path b = files.scenario("b.yaml", scenario("same"));

        assertThat(problemsOf(() -> loader.loadAll(List.of(dir)))).singleElement().hasToString(
                b + ":1:11 scenario: scenario 'same' is already defined in " + a + "; names must be unique in a suite");
    }

    @Test
    void theProblemsOfEveryFileAreReportedTogetherInFileOrder() {
        YamlFixture files = new YamlFixture(dir);
        Path a = files.scenario("a.yaml", scenario("a") + "seed: x\n");
        files.scenario("b.yaml", scenario("b"));
        Path c = files.scenario("c.yaml", scenario("c") + "sed: 1\n");

        assertThat(problemsOf(() -> loader.loadAll(List.of(dir)))).extracting(p -> p.file() + " " + p.path())
                .containsExactly(a + " seed", c + " sed");
    }

    @Test
    void aTopologyProblemSharedBySeveralScenariosIsReportedOnce() {
        YamlFixture files = new YamlFixture(dir);
        files.scenario("a.yaml", scenario("a"));
        files.scenario("b.yaml", scenario("b"));
        files.topologyWith("role: broker", "role: queue");

        assertThat(problemsOf(() -> loader.loadAll(List.of(dir)))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("services.broker.role"));
    }

    @Test
    void aPathThatDoesNotExistIsAProblem() {
        Path missing = dir.resolve("missing");

        assertThat(problemsOf(() -> loader.loadAll(List.of(missing)))).singleElement()
                .hasToString(missing + " (file): no such file or directory");
    }

    @Test
    void aDirectoryWithoutScenariosIsAProblem() {
        new YamlFixture(dir).write("topologies/tiny.yaml", YamlFixture.TOPOLOGY);

        assertThat(problemsOf(() -> loader.loadAll(List.of(dir)))).singleElement()
                .hasToString(dir + " (file): no scenario files (*.yaml, *.yml) in this directory");
    }

    @Test
    void anEmptyListIsAnEmptySuite() {
        assertThat(loader.loadAll(List.of())).isEmpty();
    }
}
