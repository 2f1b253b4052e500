package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unknown fields are errors in every section, with a "did you mean" hint, never ignored. */
class UnknownFieldTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    static Stream<Arguments> scenarioFields() {
        return Stream.of(
                Arguments.of("scenario: base", "scenaro: base\nscenario: base",
                        "scenaro: unknown field; did you mean 'scenario'? Expected one of scenario, description,"
                                + " topology, seed, steady-state, load, faults, objectives, halt-when"),
                Arguments.of("  sample-every: 100ms", "  Sample_Every: 100ms",
                        "steady-state.Sample_Every: unknown field; did you mean 'sample-every'?"
                                + " Expected one of sample-every, sharpen, probes"),
                Arguments.of("      expect: {", "      expects: {",
                        "steady-state.probes[0].expects: unknown field; did you mean 'expect'?"
                                + " Expected one of name, http, expect"),
                Arguments.of("path: /ready }", "path: /ready, prot: 1 }",
                        "steady-state.probes[0].http.prot: unknown field; did you mean 'port'?"
                                + " Expected one of service, port, path"),
                Arguments.of("status: 200,", "stauts: 200,",
                        "steady-state.probes[0].expect.stauts: unknown field; did you mean 'status'?"
                                + " Expected one of status, within"),
                Arguments.of("  drain: 30s", "  drian: 30s\n  drain: 30s",
                        "load.drian: unknown field; did you mean 'drain'? Expected one of driver, rate, users, ramp-up,"
                                + " simulation, duration, submit, results, drain"),
                Arguments.of("    target: worker[0]", "    target: worker[0]\n    targte: worker[1]",
                        "faults[0].targte: unknown field; did you mean 'target'? Expected one of name, type, target,"
                                + " at, duration, with"),
                Arguments.of("with: { signal: KILL }", "with: { signl: KILL }",
                        "faults[0].with.signl: unknown field; did you mean 'signal'? Expected one of signal, repeat"),
                Arguments.of("recovery: { within: 15s, stable-for: 3s }", "recovery: { within: 15s, stable_for: 3s }",
                        "objectives.recovery.stable_for: unknown field; did you mean 'stable-for'?"
                                + " Expected one of within, stable-for"),
                Arguments.of("  recovery: {", "  recover: {",
                        "objectives.recover: unknown objective; did you mean 'recovery'?"
                                + " Expected one of containment, integrity, recovery, slo"),
                Arguments.of("failing-for: 30s", "failing-for: 30s, failing: 1s",
                        "halt-when[0].failing: unknown field; expected one of probe, failing-for"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("scenarioFields")
    void anUnknownScenarioFieldIsAnError(String original, String replacement, String expected) {
        Path scenario = new YamlFixture(dir).scenarioWith(original, replacement);

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(expected);
    }

    static Stream<Arguments> topologyFields() {
        return Stream.of(
                Arguments.of("topology: tiny", "topology: tiny\nlink: []",
                        "link: unknown field; did you mean 'links'? Expected one of topology, services, links"),
                Arguments.of("    replicas: 2", "    replica: 2",
                        "services.worker.replica: unknown field; did you mean 'replicas'? Expected one of image, role,"
                                + " replicas, env, ports, health, state, depends-on, restart, resources"),
                Arguments.of("    depends-on: [broker]", "    depends_on: [broker]",
                        "services.worker.depends_on: unknown field; did you mean 'depends-on'? Expected one of image,"
                                + " role, replicas, env, ports, health, state, depends-on, restart, resources"),
                Arguments.of("health: { path: /health, port: 8080 }", "health: { path: /health, port: 8080, timeout: 1s }",
                        "services.worker.health.timeout: unknown field; expected one of path, port"),
                Arguments.of("    depends-on: [broker]", "    depends-on: [broker]\n    restart: { policy: always, dealy: 1s }",
                        "services.worker.restart.dealy: unknown field; did you mean 'delay'? Expected one of policy, delay, strategy"),
                Arguments.of("    depends-on: [broker]", "    depends-on: [broker]\n    resources: { cpu: 1 }",
                        "services.worker.resources.cpu: unknown field; did you mean 'cpus'? Expected one of cpus, memory, disk"),
                Arguments.of("port: 5672 }", "port: 5672, form: worker }",
                        "links[0].form: unknown field; did you mean 'from'? Expected one of from, to, port"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("topologyFields")
    void anUnknownTopologyFieldIsAnError(String original, String replacement, String expected) {
        Path topology = new YamlFixture(dir).topologyWith(original, replacement);

        assertThat(messagesOf(() -> loader.loadTopology(topology))).containsExactly(expected);
    }

    @Test
    void everyUnknownFieldIsReportedInOnePass() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                sead: 1
                steady-state:
                  every: 1s
                  probes: []
                faults: []
                halt: []
                """);

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "sead: unknown field; did you mean 'seed'? Expected one of scenario, description, topology, seed,"
                        + " steady-state, load, faults, objectives, halt-when",
                "steady-state.every: unknown field; expected one of sample-every, sharpen, probes",
                "halt: unknown field; expected one of scenario, description, topology, seed, steady-state, load,"
                        + " faults, objectives, halt-when");
    }

    @Test
    void aFieldGivenToAFaultTypeWithoutParametersIsAnError() {
        Path scenario = new YamlFixture(dir).scenarioWith("type: test-outage", "type: test-hang");

        assertThat(messagesOf(() -> loader.load(scenario)))
                .containsExactly("faults[1].with.mode: unknown field; no fields are allowed here");
    }

    @Test
    void theUnknownFieldIsLocatedAtItsKey() {
        Path scenario = new YamlFixture(dir).scenarioWith("  drain: 30s", "  drian: 30s");

        assertThat(YamlFixture.problemsOf(() -> loader.load(scenario))).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(17))
                .satisfies(p -> assertThat(p.column()).isEqualTo(3));
    }
}
