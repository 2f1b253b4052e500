package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.messagesOf;
import static dev.faultline.engine.yaml.YamlFixture.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not valid YAML, hold nothing, or repeat keys. */
class YamlSyntaxTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    @Test
    void aSyntaxErrorIsReportedWhereTheParserFoundIt() {
        Path scenario = new YamlFixture(dir).write("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                faults:
                  - name: a
                    type: test-outage
                      target: x
                """);

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement()
                .hasToString(scenario + ":6:13 (syntax): mapping values are not allowed here");
    }

    @Test
    void anUnclosedFlowSequenceNamesWhereItBegan() {
        Path scenario = new YamlFixture(dir).write("x.yaml", "scenario: x\nports: [1, 2\n");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(scenario
                + ":3:1 (syntax): while parsing a flow sequence at line 2, column 8: expected ',' or ']', but got <stream end>");
    }

    @Test
    void bracketsInAFlowMappingGetAHintToQuote() {
        Path scenario = new YamlFixture(dir).write("x.yaml", """
                scenario: x
                steady-state:
                  probes:
                    - { name: p, http: { service: worker[1], port: 80, path: / } }
                """);

        assertThat(messagesOf(() -> loader.load(scenario))).singleElement().asString()
                .endsWith("but got [ (inside { } or [ ], quote a value with brackets: \"worker[1]\")");
    }

    @Test
    void aTabIndentationIsASyntaxError() {
        Path scenario = new YamlFixture(dir).write("x.yaml", "scenario: x\nsteady-state:\n\tsample-every: 1s\n");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("(syntax)"))
                .satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test
    void aDuplicateKeyIsReportedAtTheSecondOneWithTheFirstOnesLine() {
        Path scenario = new YamlFixture(dir).scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                seed: 1
                seed: 2
                """);

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement()
                .hasToString(scenario + ":4:1 seed: duplicate key; 'seed' is already set at line 3");
    }

    @Test
    void duplicateKeysAreFoundInNestedMappingsAndTheRestIsStillChecked() {
        Path scenario = new YamlFixture(dir).scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                faults:
                  - name: a
                    type: test-crash
                    target: worker
                    at: 1s
                    with: { signal: KILL, signal: TERM }
                    duration: 1
                """);

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "faults[0].with.signal: duplicate key; 'signal' is already set at line 8",
                "faults[0].duration: expected a duration like 250ms, 10s or 2m, but was '1'");
    }

    @Test
    void duplicateKeysInATopologyFileNameThatFile() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenario("x.yaml", "scenario: x\ntopology: topologies/tiny.yaml\n");
        Path topology = files.topologyWith("    replicas: 2\n", "    replicas: 2\n    replicas: 3\n");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement()
                .hasToString(topology + ":8:5 services.worker.replicas: duplicate key; 'replicas' is already set at line 7");
    }

    @Test
    void anEmptyFileIsAClearProblem() {
        Path scenario = new YamlFixture(dir).write("x.yaml", "");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":1:1 (file): the file is empty; expected a scenario, starting with 'scenario: <name>'");
    }

    @Test
    void aFileOfCommentsIsEmpty() {
        Path topology = new YamlFixture(dir).write("t.yaml", "# nothing yet\n\n");

        assertThat(problemsOf(() -> loader.loadTopology(topology))).singleElement().hasToString(
                topology + ":1:1 (file): the file is empty; expected a topology, starting with 'topology: <name>'");
    }

    @Test
    void aFileThatIsNotAMappingSaysWhatItHolds() {
        Path scenario = new YamlFixture(dir).write("x.yaml", "- scenario: x\n");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "(file): expected a scenario (a mapping starting with 'scenario: <name>') but was a list");
    }

    @Test
    void severalDocumentsInOneFileAreRejected() {
        Path scenario = new YamlFixture(dir).write("x.yaml", "scenario: a\n---\nscenario: b\n");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("(syntax)"))
                .satisfies(p -> assertThat(p.message()).contains("expected a single document"));
    }

    @Test
    void aMissingFileIsReportedWithoutAPosition() {
        Path missing = Path.of("no/such/scenario.yaml");

        assertThat(problemsOf(() -> loader.load(missing))).singleElement()
                .hasToString("no/such/scenario.yaml (file): cannot read the file: no such file");
    }

    @Test
    void aDirectoryIsNotAScenarioFile() {
        assertThat(messagesOf(() -> loader.load(dir))).containsExactly("(file): is a directory, expected a YAML file");
    }

    @Test
    void aFileThatIsNotUtf8IsReported() throws Exception {
        Path scenario = dir.resolve("x.yaml");
        java.nio.file.Files.write(scenario, new byte[] {'s', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly("(file): cannot read the file: not UTF-8 text");
    }

    @Test
    void anchorsAndMergeKeysAreResolved() {
        Path scenario = new YamlFixture(dir).scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                faults:
                  - &crash { name: a, type: test-crash, target: worker, at: 1s }
                  - { <<: *crash, name: b, at: 2s }
                """);

        assertThat(loader.load(scenario).faults()).extracting(f -> f.name() + "@" + f.at().toSeconds())
                .containsExactly("a@1", "b@2");
    }
}
