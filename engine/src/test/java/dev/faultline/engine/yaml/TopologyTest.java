package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.messagesOf;
import static dev.faultline.engine.yaml.YamlFixture.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.faultline.engine.model.Resources;
import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/** Topology files and inline topologies: services, dependencies and links. */
class TopologyTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    private Path topology(String services) {
        return new YamlFixture(dir).write("t.yaml", "topology: t\nservices:\n" + services.indent(2));
    }

    @Test
    void aServiceWithOnlyAnImageTakesTheDefaults() {
        Topology topology = loader.loadTopology(topology("cache: { image: redis:7 }"));

        assertThat(topology.services().get("cache")).isEqualTo(new ServiceSpec("cache", "redis:7", Role.OTHER, 1,
                Map.of(), List.of(), null, List.of(), RestartPolicy.NEVER, Resources.UNLIMITED));
        assertThat(topology.links()).isEmpty();
    }

    @Test
    void envValuesOfAnyScalarTypeBecomeStrings() {
        Topology topology = loader.loadTopology(topology("app: { image: a, env: { N: 3, DEBUG: true, EMPTY: , NAME: x } }"));

        assertThat(topology.services().get("app").env())
                .containsExactlyInAnyOrderEntriesOf(Map.of("N", "3", "DEBUG", "true", "EMPTY", "", "NAME", "x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"512m, 536870912", "1g, 1073741824", "512MB, 536870912", "64MiB, 67108864"})
    void memoryIsASize(String memory, long bytes) {
        Topology topology = loader.loadTopology(topology("app: { image: a, resources: { memory: " + memory + " } }"));

        assertThat(topology.services().get("app").resources().memoryBytes()).isEqualTo(bytes);
    }

    @Test
    void restartPoliciesAreReadWithTheirDelay() {
        Topology topology = loader.loadTopology(topology("""
                a: { image: a, restart: { policy: always } }
                b: { image: b, restart: { policy: no, delay: 500ms } }
                """));

        assertThat(topology.services().get("a").restart())
                .isEqualTo(new RestartPolicy(RestartPolicy.Policy.ALWAYS, java.time.Duration.ZERO));
        assertThat(topology.services().get("b").restart())
                .isEqualTo(new RestartPolicy(RestartPolicy.Policy.NO, java.time.Duration.ofMillis(500)));
    }

    @Test
    void restartStrategiesAreReadAndRestartIsTheDefault() {
        Topology topology = loader.loadTopology(topology("""
                a: { image: a, restart: { policy: on-failure } }
                b: { image: b, restart: { policy: on-failure, delay: 1s, strategy: redeploy } }
                c: { image: c, replicas: 2, restart: { policy: always, strategy: scale-down } }
                d: { image: d, state: { path: /state, port: 8080 }, restart: { policy: on-failure, strategy: restore } }
                """));

        assertThat(topology.services()).extractingFromEntries(e -> e.getValue().restart().strategy())
                .containsExactly(RestartPolicy.Strategy.RESTART, RestartPolicy.Strategy.REDEPLOY,
                        RestartPolicy.Strategy.SCALE_DOWN, RestartPolicy.Strategy.RESTORE);
        assertThat(topology.services().get("b").restart()).isEqualTo(new RestartPolicy(RestartPolicy.Policy.ON_FAILURE,
                java.time.Duration.ofSeconds(1), RestartPolicy.Strategy.REDEPLOY));
    }

    static Stream<Arguments> wrongServices() {
        return Stream.of(
                Arguments.of("app: { role: agent }", "services.app.image: is required"),
                Arguments.of("app:", "services.app.image: is required"),
                Arguments.of("app: { image: \"\" }", "services.app.image: expected an image reference of at most 255 characters: lower-case name components joined by '/', optionally a registry first and a :tag or @digest last (e.g. faultline/agent, postgres:16) but was ''"),
                Arguments.of("App_1: { image: a }",
                        "services.App_1: expected a service name of at most 44 characters matching [a-z0-9]([a-z0-9-]*[a-z0-9])? (e.g. worker) but was 'App_1'"),
                Arguments.of("app: [a]", "services.app: expected a mapping but was a list"),
                Arguments.of("app: { image: a, role: database }",
                        "services.app.role: expected one of broker, store, agent, other but was 'database'"),
                Arguments.of("app: { image: a, replicas: 0 }", "services.app.replicas: expected an integer from 1 to 16 but was '0'"),
                Arguments.of("app: { image: a, ports: 8080 }", "services.app.ports: expected a list but was '8080'"),
                Arguments.of("app: { image: a, ports: [8080, 70000] }",
                        "services.app.ports[1]: expected a port between 1 and 65535 but was '70000'"),
                Arguments.of("app: { image: a, env: { A: [1, 2] } }",
                        "services.app.env.A: expected a string, number or boolean but was a list"),
                Arguments.of("app: { image: a, env: [A=1] }", "services.app.env: expected a mapping but was a list"),
                Arguments.of("app: { image: a, health: { path: /health } }", "services.app.health.port: is required"),
                Arguments.of("app: { image: a, health: { path: health, port: 80 } }",
                        "services.app.health.path: expected a path starting with '/' (e.g. /health) but was 'health'"),
                Arguments.of("app: { image: a, depends-on: [db] }", "services.app.depends-on[0]: unknown service 'db'; services: app"),
                Arguments.of("app: { image: a, depends-on: [ap] }",
                        "services.app.depends-on[0]: unknown service 'ap'; did you mean 'app'? Services: app"),
                Arguments.of("app: { image: a, depends-on: [app] }", "services.app.depends-on[0]: a service cannot depend on itself"),
                Arguments.of("app: { image: a, depends-on: app }", "services.app.depends-on: expected a list but was 'app'"),
                Arguments.of("app: { image: a, restart: { delay: 1s } }", "services.app.restart.policy: is required"),
                Arguments.of("app: { image: a, restart: { policy: on-failure, delay: 2 } }",
                        "services.app.restart.delay: expected a duration like 250ms, 10s or 2m, but was '2'"),
                Arguments.of("app: { image: a, restart: { policy: on-failure, strategy: reboot } }",
                        "services.app.restart.strategy: expected one of restart, restore, redeploy, scale-down but was 'reboot'"),
                Arguments.of("app: { image: a, restart: { policy: on-failure, strategy: restore } }",
                        "services.app: restart.strategy restore needs a state endpoint (state: {path, port}) where the"
                                + " instance reports restoredFrom, but there was none"),
                Arguments.of("app: { image: a, restart: { policy: no, strategy: scale-down } }",
                        "services.app.restart: restart.strategy scale-down needs restart.policy on-failure or always,"
                                + " but the policy was no"),
                Arguments.of("app: { image: a, resources: { memory: 512 } }",
                        "services.app.resources.memory: expected a size from 6m (Docker's minimum) to 256g but was '512'"),
                Arguments.of("app: { image: a, resources: { memory: lots } }",
                        "services.app.resources.memory: expected a size like 512KB, 1MB or 512m, but was 'lots'"),
                Arguments.of("app: { image: a, resources: { cpus: half } }",
                        "services.app.resources.cpus: expected a number but was 'half'"),
                Arguments.of("app: { image: a, resources: { cpus: 0 } }",
                        "services.app.resources.cpus: expected a number of at least 0.01 (e.g. 1.5) but was '0'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongServices")
    void aWrongServiceIsReportedWhereItIsWritten(String services, String expected) {
        Path topology = topology(services);

        assertThat(messagesOf(() -> loader.loadTopology(topology))).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"/var/lib/agent, 64m, 67108864", "/data, 1m, 1048576", "/tmp/x-y_z.1, 16g, 17179869184"})
    void aBoundedDiskIsAPathAndASize(String path, String size, long bytes) {
        Topology topology = loader.loadTopology(topology("app: { image: a, resources: { disk: { path: " + path
                + ", size: " + size + " } } }"));

        assertThat(topology.services().get("app").resources().disk()).isEqualTo(new Resources.Disk(path, bytes));
    }

    static Stream<Arguments> wrongDisks() {
        String path = "services.app.resources.disk.path: expected an absolute path other than / without '..', commas,"
                + " colons, spaces or control characters (e.g. /var/lib/agent) but was ";
        String size = "services.app.resources.disk.size: expected a size from 1m to 16g (it is held in memory)"
                + " but was ";
        return Stream.of(
                Arguments.of("{ size: 64m }", "services.app.resources.disk.path: is required"),
                Arguments.of("{ path: /data }", "services.app.resources.disk.size: is required"),
                Arguments.of("{ path: data, size: 64m }", path + "'data'"),
                Arguments.of("{ path: ./data, size: 64m }", path + "'./data'"),
                Arguments.of("{ path: /, size: 64m }", path + "'/'"),
                Arguments.of("{ path: /var/../etc, size: 64m }", path + "'/var/../etc'"),
                Arguments.of("{ path: /data/.., size: 64m }", path + "'/data/..'"),
                Arguments.of("{ path: //data, size: 64m }", path + "'//data'"),
                Arguments.of("{ path: \"/data,ro\", size: 64m }", path + "'/data,ro'"),
                Arguments.of("{ path: \"/data:/etc\", size: 64m }", path + "'/data:/etc'"),
                Arguments.of("{ path: /my data, size: 64m }", path + "'/my data'"),
                Arguments.of("{ path: [/data], size: 64m }", "services.app.resources.disk.path: expected a string but"
                        + " was a list"),
                Arguments.of("{ path: /data, size: 1023k }", size + "'1023k'"),
                Arguments.of("{ path: /data, size: 512 }", size + "'512'"),
                Arguments.of("{ path: /data, size: 17g }", size + "'17g'"),
                Arguments.of("{ path: /data, size: lots }",
                        "services.app.resources.disk.size: expected a size like 512KB, 1MB or 512m, but was 'lots'"),
                Arguments.of("{ path: /data, size: 64m, mode: ro }",
                        "services.app.resources.disk.mode: unknown field; expected one of path, size"),
                Arguments.of("{ path: /data, size: 64m, szie: 1m }",
                        "services.app.resources.disk.szie: unknown field; did you mean 'size'? Expected one of path,"
                                + " size"),
                Arguments.of("/data", "services.app.resources.disk: expected a mapping but was '/data'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongDisks")
    void aWrongDiskIsOneProblemAtItsField(String disk, String expected) {
        Path topology = topology("app: { image: a, resources: { disk: " + disk + " } }");

        assertThat(messagesOf(() -> loader.loadTopology(topology))).containsExactly(expected);
    }

    @Test
    void aWrongDiskIsReportedWhereItIsWritten() {
        Path topology = topology("""
                app:
                  image: a
                  resources:
                    disk: { path: /data, size: 32g }
                """);

        assertThat(problemsOf(() -> loader.loadTopology(topology))).singleElement().hasToString(topology
                + ":6:34 services.app.resources.disk.size: expected a size from 1m to 16g (it is held in memory) but"
                + " was '32g'");
    }

    @Test
    void aTopologyFileNeedsANameAndServices() {
        Path topology = new YamlFixture(dir).write("t.yaml", "links: []\n");

        assertThat(messagesOf(() -> loader.loadTopology(topology)))
                .containsExactly("topology: is required", "services: is required");
    }

    @Test
    void everyCycleIsReportedOnceStartingAtTheServiceDeclaredFirst() {
        Path topology = topology("""
                a: { image: i, depends-on: [b] }
                b: { image: i, depends-on: [a] }
                c: { image: i, depends-on: [d] }
                d: { image: i, depends-on: [c] }
                e: { image: i, depends-on: [a, c] }
                """);

        assertThat(messagesOf(() -> loader.loadTopology(topology))).containsExactly(
                "services.a.depends-on[0]: depends-on has a cycle: a -> b -> a",
                "services.c.depends-on[0]: depends-on has a cycle: c -> d -> c");
    }

    @Test
    void aCycleFoundFromALaterServiceStillStartsAtTheFirstDeclared() {
        Path topology = topology("""
                x: { image: i, depends-on: [b] }
                a: { image: i, depends-on: [x] }
                b: { image: i, depends-on: [a] }
                """);

        assertThat(messagesOf(() -> loader.loadTopology(topology)))
                .containsExactly("services.x.depends-on[0]: depends-on has a cycle: x -> b -> a -> x");
    }

    @Test
    void aDiamondOfDependenciesIsNoCycle() {
        Topology topology = loader.loadTopology(topology("""
                db: { image: i }
                a: { image: i, depends-on: [db] }
                b: { image: i, depends-on: [db] }
                app: { image: i, depends-on: [a, b] }
                """));

        assertThat(topology.startOrder()).extracting(ServiceSpec::name).containsExactly("db", "a", "b", "app");
    }

    @Test
    void servicesThatDependOnNothingShareTheFirstStartLevelWhateverTheirDeclarationOrder() {
        Topology topology = loader.loadTopology(topology("""
                api: { image: i, depends-on: [db] }
                db: { image: i }
                cache: { image: i }
                """));

        assertThat(names(topology.startLevels())).containsExactly(List.of("db", "cache"), List.of("api"));
    }

    @Test
    void aServiceStartsOneLevelAfterItsDeepestDependency() {
        Topology topology = loader.loadTopology(topology("""
                db: { image: i }
                app: { image: i, depends-on: [db, a] }
                a: { image: i, depends-on: [db] }
                b: { image: i, depends-on: [db] }
                """));

        assertThat(names(topology.startLevels()))
                .containsExactly(List.of("db"), List.of("a", "b"), List.of("app"));
    }

    private static List<List<String>> names(List<List<ServiceSpec>> levels) {
        return levels.stream().map(level -> level.stream().map(ServiceSpec::name).toList()).toList();
    }

    static Stream<Arguments> wrongLinks() {
        return Stream.of(
                Arguments.of("{ from: a, to: c, port: 1 }", "links[0].to: unknown service 'c'; services: a, b"),
                Arguments.of("{ from: A, to: b, port: 1 }", "links[0].from: unknown service 'A'; did you mean 'a'? Services: a, b"),
                Arguments.of("{ from: a, to: a, port: 1 }",
                        "links[0].to: a link joins two different services, but from and to are both 'a'"),
                Arguments.of("{ from: a, to: b }", "links[0].port: is required"),
                Arguments.of("{ from: a, to: b, port: 99999 }", "links[0].port: expected a port between 1 and 65535 but was '99999'"),
                Arguments.of("a->b", "links[0]: expected a mapping but was 'a->b'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongLinks")
    void aWrongLinkIsReported(String link, String expected) {
        Path topology = new YamlFixture(dir).write("t.yaml", """
                topology: t
                services: { a: { image: i }, b: { image: i } }
                links:
                  - %s
                """.formatted(link));

        assertThat(messagesOf(() -> loader.loadTopology(topology))).containsExactly(expected);
    }

    @Test
    void aLinkDeclaredTwiceIsReported() {
        Path topology = new YamlFixture(dir).write("t.yaml", """
                topology: t
                services: { a: { image: i }, b: { image: i } }
                links:
                  - { from: a, to: b, port: 1 }
                  - { from: a, to: b, port: 1 }
                """);

        assertThat(messagesOf(() -> loader.loadTopology(topology)))
                .containsExactly("links[1]: duplicate link a->b:1 (same as links[0])");
    }

    @Test
    void severalProblemsInDifferentServicesAreCollected() {
        Path topology = topology("""
                a: { image: i, replicas: two }
                b: { role: db }
                c: { image: i, ports: [x], depends-on: [z] }
                """);

        assertThat(messagesOf(() -> loader.loadTopology(topology))).containsExactly(
                "services.a.replicas: expected an integer but was 'two'",
                "services.b.image: is required",
                "services.b.role: expected one of broker, store, agent, other but was 'db'",
                "services.c.ports[0]: expected an integer but was 'x'",
                "services.c.depends-on[0]: unknown service 'z'; services: a, b, c");
    }

    @Test
    void anInlineTopologyIsNamedAfterTheScenarioAndItsPathsStartWithTopology() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.write("x.yaml", """
                scenario: inline
                topology:
                  services:
                    app: { image: a, replicas: 3 }
                faults:
                  - { name: f, type: test-crash, target: "app[2]", at: 1s }
                """);

        Scenario loaded = loader.load(scenario);

        assertThat(loaded.topology().name()).isEqualTo("inline");
        assertThat(loaded.topology().services().get("app").replicas()).isEqualTo(3);
    }

    @Test
    void anInlineTopologyMayNameItself() {
        Path scenario = new YamlFixture(dir).write("x.yaml",
                "scenario: inline\ntopology: { topology: named, services: { app: { image: a } } }\n");

        assertThat(loader.load(scenario).topology().name()).isEqualTo("named");
    }

    @Test
    void problemsInAnInlineTopologyNameTheScenarioFile() {
        Path scenario = new YamlFixture(dir).write("x.yaml", """
                scenario: inline
                topology:
                  services:
                    app: { image: a, replicas: none }
                """);

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":4:32 topology.services.app.replicas: expected an integer but was 'none'");
    }

    @Test
    void problemsInAReferencedTopologyNameThatFile() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenario("x.yaml", "scenario: x\ntopology: topologies/tiny.yaml\n");
        Path topology = files.topologyWith("role: broker", "role: queue");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                topology + ":3:46 services.broker.role: expected one of broker, store, agent, other but was 'queue'");
    }

    @Test
    void theTopologyPathIsRelativeToTheScenariosFolder() {
        YamlFixture files = new YamlFixture(dir);
        files.write("shared/t.yaml", "topology: shared\nservices: { app: { image: a } }\n");
        Path scenario = files.write("suite/x.yaml", "scenario: x\ntopology: ../shared/t.yaml\n");

        assertThat(loader.load(scenario).topology().name()).isEqualTo("shared");
    }

    @Test
    void aMissingTopologyFileIsReportedAtTheScenariosTopologyField() {
        Path scenario = new YamlFixture(dir).write("x.yaml", "scenario: x\ntopology: topologies/none.yaml\n");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(scenario
                + ":2:11 topology: cannot read topology file " + dir.resolve("topologies/none.yaml") + ": no such file");
    }

    @Test
    void aTopologyThatIsNeitherAPathNorAMappingIsRejected() {
        Path scenario = new YamlFixture(dir).write("x.yaml", "scenario: x\ntopology: [a, b]\n");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "topology: expected a topology file (relative to this file) or an inline topology mapping but was a list");
    }

    @Test
    void referencesToAnInvalidTopologyAreNotReportedAgain() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenarioWith("target: worker[0]", "target: nowhere");
        files.topologyWith("replicas: 2", "replicas: many");

        assertThat(messagesOf(() -> loader.load(scenario)))
                .containsExactly("services.worker.replicas: expected an integer but was 'many'");
    }
}
