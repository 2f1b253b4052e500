package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.faultline.engine.model.Scenario;

/** Wrong types, bad units, missing and duplicate fields of a scenario: each one reported where it is written. */
class ScenarioValuesTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    @Test
    void theBaseScenarioTheseTestsBreakIsValid() {
        Path scenario = new YamlFixture(dir).scenario("scenario.yaml", YamlFixture.SCENARIO);

        assertThat(loader.load(scenario).name()).isEqualTo("base");
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("scenario: base", "scenario: Base_1",
                        "scenario: expected a name of at most 63 lower-case letters, digits and '-' (e.g. worker-crash) but was 'Base_1'"),
                Arguments.of("description: every section once", "description: [every, section]",
                        "description: expected a string but was a list"),
                Arguments.of("seed: 1", "seed: one", "seed: expected an integer but was 'one'"),
                Arguments.of("seed: 1", "seed: 1.5", "seed: expected an integer but was '1.5'"),
                Arguments.of("sample-every: 100ms", "sample-every: 100",
                        "steady-state.sample-every: expected a duration like 250ms, 10s or 2m, but was '100'"),
                Arguments.of("sample-every: 100ms", "sample-every: 0ms",
                        "steady-state.sample-every: expected a duration from 10ms to 1m but was '0ms'"),
                Arguments.of("""
                          probes:
                            - name: ready
                              http: { service: worker, port: 8080, path: /ready }
                              expect: { status: 200, within: 500ms }
                        """, "  probes: ready\n", "steady-state.probes: expected a list but was 'ready'"),
                Arguments.of("port: 8080, path: /ready", "port: 0, path: /ready",
                        "steady-state.probes[0].http.port: expected a port between 1 and 65535 but was '0'"),
                Arguments.of("port: 8080, path: /ready", "port: http, path: /ready",
                        "steady-state.probes[0].http.port: expected an integer but was 'http'"),
                Arguments.of("path: /ready", "path: ready",
                        "steady-state.probes[0].http.path: expected a path starting with '/' (e.g. /health) but was 'ready'"),
                Arguments.of("status: 200", "status: 99",
                        "steady-state.probes[0].expect.status: expected an HTTP status (100-599) but was '99'"),
                Arguments.of("within: 500ms", "within: half a second",
                        "steady-state.probes[0].expect.within: expected a duration like 250ms, 10s or 2m, but was 'half a second'"),
                Arguments.of("driver: ledger", "driver: jmeter", "load.driver: expected one of ledger but was 'jmeter'"),
                Arguments.of("rate: 20/s", "rate: 20", "load.rate: expected a rate like 20/s or 600/m, but was '20'"),
                Arguments.of("duration: 40s", "duration: 0s",
                        "load.duration: expected a duration greater than 0 (e.g. 10s) but was '0s'"),
                Arguments.of("drain: 30s", "drain: 30", "load.drain: expected a duration like 250ms, 10s or 2m, but was '30'"),
                Arguments.of("name: kill-worker", "name: Kill Worker",
                        "faults[0].name: expected a name of at most 63 lower-case letters, digits and '-' (e.g. kill-worker) but was 'Kill Worker'"),
                Arguments.of("name: broker-away", "name: kill-worker",
                        "faults[1].name: duplicate fault name 'kill-worker' (first used by faults[0])"),
                Arguments.of("at: 20s", "at: later", "faults[1].at: expected a duration like 250ms, 10s or 2m, but was 'later'"),
                Arguments.of("duration: 15s", "duration: 15", "faults[1].duration: expected a duration like 250ms, 10s or 2m, but was '15'"),
                Arguments.of("with: { signal: KILL }", "with: { signal: HUP }",
                        "faults[0].with.signal: expected one of kill, term but was 'HUP'"),
                Arguments.of("with: { signal: KILL }", "with: [KILL]", "faults[0].with: expected a mapping but was a list"),
                Arguments.of("with: { signal: KILL }", "with: { repeat: { times: 0, every: 1s } }",
                        "faults[0].with.repeat.times: expected at least 1 but was 0"),
                Arguments.of("  recovery: { within: 15s, stable-for: 3s }", "  - recovery",
                        "objectives: expected a mapping but was a list"),
                Arguments.of("within: 15s, stable-for: 3s", "within: 15, stable-for: 3s",
                        "objectives.recovery.within: expected a duration like 250ms, 10s or 2m, but was '15'"),
                Arguments.of("  - { probe: ready, failing-for: 30s }", "  probe: ready",
                        "halt-when: expected a list but was a mapping"),
                Arguments.of("probe: ready,", "probe: redy,",
                        "halt-when[0].probe: unknown probe 'redy'; did you mean 'ready'? Probes: ready"),
                Arguments.of("failing-for: 30s", "failing-for: 30",
                        "halt-when[0].failing-for: expected a duration like 250ms, 10s or 2m, but was '30'"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("wrongValues")
    void aWrongValueIsReportedWithWhatWasExpectedAndFound(String original, String replacement, String expected) {
        Path scenario = new YamlFixture(dir).scenarioWith(original, replacement);

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(expected);
    }

    static Stream<Arguments> missingFields() {
        return Stream.of(
                Arguments.of("scenario: base\n", "", "scenario: is required"),
                Arguments.of("topology: topologies/tiny.yaml\n", "", "topology: is required"),
                Arguments.of("    - name: ready\n      http:", "    - http:", "steady-state.probes[0].name: is required"),
                Arguments.of("      http: { service: worker, port: 8080, path: /ready }\n", "",
                        "steady-state.probes[0].http: is required"),
                Arguments.of("service: worker, port: 8080, path: /ready", "port: 8080, path: /ready",
                        "steady-state.probes[0].http.service: is required"),
                Arguments.of("  rate: 20/s\n", "", "load.rate: is required"),
                Arguments.of("  duration: 40s\n", "", "load.duration: is required"),
                Arguments.of("  submit: { service: worker, port: 8080, path: /tasks }\n", "", "load.submit: is required"),
                Arguments.of("  results: { service: worker, port: 8080, path: /results }\n", "", "load.results: is required"),
                Arguments.of("  - name: kill-worker\n    type", "  - type", "faults[0].name: is required"),
                Arguments.of("    target: worker[0]\n", "", "faults[0].target: is required"),
                Arguments.of("    at: 10s\n", "", "faults[0].at: is required"),
                Arguments.of("    with: { mode: stop }\n", "", "faults[1].with.mode: is required"),
                Arguments.of("within: 15s, stable-for", "stable-for", "objectives.recovery.within: is required"),
                Arguments.of("probe: ready, failing-for: 30s", "probe: ready", "halt-when[0].failing-for: is required"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("missingFields")
    void aMissingRequiredFieldIsReported(String original, String replacement, String expected) {
        Path scenario = new YamlFixture(dir).scenarioWith(original, replacement);

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(expected);
    }

    @Test
    void aMissingRequiredFieldPointsAtTheMappingThatLacksIt() {
        Path scenario = new YamlFixture(dir).scenarioWith("    at: 10s\n", "");

        assertThat(YamlFixture.problemsOf(() -> loader.load(scenario))).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(19))
                .satisfies(p -> assertThat(p.column()).isEqualTo(5));
    }

    @Test
    void aDuplicateProbeNameIsReportedAtTheSecondName() {
        Path scenario = new YamlFixture(dir).scenarioWith("      expect: { status: 200, within: 500ms }\n",
                "    - name: ready\n      http: { service: broker, port: 15672, path: /api }\n");

        assertThat(messagesOf(() -> loader.load(scenario)))
                .containsExactly("steady-state.probes[1].name: duplicate probe name 'ready' (first used by steady-state.probes[0])");
    }

    @Test
    void aProbeChecksAServiceOrOneReplicaButNotARandomOne() {
        Path scenario = new YamlFixture(dir).scenarioWith("service: worker, port: 8080, path: /ready",
                "service: \"worker[random]\", port: 8080, path: /ready");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly("steady-state.probes[0].http.service:"
                + " expected a service or one of its replicas (e.g. worker or \"worker[1]\") but was 'worker[random]'");
    }

    @Test
    void aHaltConditionWithoutProbesSaysThereAreNone() {
        Path scenario = new YamlFixture(dir).scenarioWith("""
                    - name: ready
                      http: { service: worker, port: 8080, path: /ready }
                      expect: { status: 200, within: 500ms }
                """, "    []\n");

        assertThat(messagesOf(() -> loader.load(scenario)))
                .containsExactly("halt-when[0].probe: unknown probe 'ready'; steady-state declares no probes");
    }

    @Test
    void optionalSectionsTakeTheirDocumentedDefaults() {
        Path scenario = new YamlFixture(dir).scenario("x.yaml", """
                scenario: defaults
                topology: topologies/tiny.yaml
                steady-state:
                  probes:
                    - name: ready
                      http: { service: "worker[1]", port: 8080, path: /ready }
                load:
                  rate: 600/m
                  duration: 1m
                  submit: { service: worker, port: 8080, path: /tasks }
                  results: { service: worker, port: 8080, path: /results }
                """);

        Scenario loaded = loader.load(scenario);

        assertThat(loaded.description()).isEmpty();
        assertThat(loaded.seed()).isZero();
        assertThat(loaded.sampleEvery()).isEqualTo(Duration.ofMillis(100));
        assertThat(loaded.probes()).singleElement().satisfies(p -> {
            assertThat(p.http().service().toString()).isEqualTo("worker[1]");
            assertThat(p.expectStatus()).isEqualTo(200);
            assertThat(p.within()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(loaded.loadSpec()).hasValueSatisfying(load -> {
            assertThat(load.driver()).isEqualTo("ledger");
            assertThat(load.rate().perSecond()).isEqualTo(10.0);
            assertThat(load.drain()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(loaded.faults()).isEmpty();
        assertThat(loaded.objectives()).isEmpty();
        assertThat(loaded.haltWhen()).isEmpty();
    }

    @Test
    void aScenarioNeedsNoLoadSection() {
        Path scenario = new YamlFixture(dir).scenario("x.yaml", "scenario: idle\ntopology: topologies/tiny.yaml\n");

        assertThat(loader.load(scenario).loadSpec()).isEmpty();
    }

    @Test
    void anyInstalledLoadDriverIsAccepted() {
        Path scenario = new YamlFixture(dir).scenarioWith("driver: ledger", "driver: gatling");
        ScenarioLoader withGatling = ScenarioLoader.withPlugins(
                TestPlugins.all().withLoadDriver(new TestPlugins.TestDriver("gatling")));

        assertThat(withGatling.load(scenario).loadSpec())
                .hasValueSatisfying(l -> assertThat(l.driver()).isEqualTo("gatling"));
    }

    @Test
    void theDefaultLoadDriverMustBeInstalledToo() {
        Path scenario = new YamlFixture(dir).scenarioWith("  driver: ledger\n", "");
        ScenarioLoader noDrivers = ScenarioLoader.withPlugins(Plugins.of(
                List.of(new TestPlugins.CrashType(), new TestPlugins.OutageType()),
                List.of(new TestPlugins.RecoveryType(), new TestPlugins.ContainmentType(),
                        new TestPlugins.IntegrityType(), new TestPlugins.SloType())));

        assertThat(YamlFixture.problemsOf(() -> noDrivers.load(scenario))).singleElement().hasToString(scenario
                + ":12:3 load.driver: expected an installed load driver (none is installed) "
                + "but was the default 'ledger'");
    }

    @Test
    void enumValuesIgnoreCaseAndTreatDashAndUnderscoreAlike() {
        Path scenario = new YamlFixture(dir).scenarioWith("with: { signal: KILL }", "with: { signal: term }");

        assertThat(loader.load(scenario).faults().get(0).fault())
                .isEqualTo(new TestPlugins.TestFault("test-crash", java.util.Map.of("signal", TestPlugins.Signal.TERM), null));
    }

    @Test
    void anEmptyValueCountsAsAbsent() {
        Path scenario = new YamlFixture(dir).scenarioWith("seed: 1", "seed:");

        assertThat(loader.load(scenario).seed()).isZero();
    }

    @Test
    void theSourceIsThePathAsGiven() {
        Path written = new YamlFixture(dir).scenario("x.yaml", "scenario: given\ntopology: topologies/tiny.yaml\n");
        Path relative = Path.of("").toAbsolutePath().relativize(written);

        assertThat(relative.isAbsolute()).isFalse();
        assertThat(loader.load(relative).source()).isEqualTo(relative);
    }
}
