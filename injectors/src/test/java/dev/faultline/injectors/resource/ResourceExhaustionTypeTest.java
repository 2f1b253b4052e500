package dev.faultline.injectors.resource;

import static dev.faultline.injectors.Problems.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Plugins;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.Immutability;

class ResourceExhaustionTypeTest {
    private static final Duration WINDOW = Duration.ofSeconds(8);
    private static final String TOPOLOGY = """
            topology:
              topology: desk
              services:
                worker: { image: faultline/agent, role: agent, replicas: 2 }
                limited:
                  image: faultline/agent
                  role: agent
                  resources: { cpus: 1.0, memory: 512m, disk: { path: /var/lib/agent, size: 64m } }
                postgres: { image: faultline/postgres, role: store, ports: [5432] }
                closed-store: { image: faultline/postgres, role: store }
            """;

    @TempDir
    Path dir;

    private static ResourceExhaustion configure(String with) {
        return (ResourceExhaustion) new ResourceExhaustionType().configure(YamlParams.parse(with), WINDOW);
    }

    private static void assertRejected(String with, String path, String message) {
        assertOneProblem(() -> configure(with), path, message);
    }

    private Path file() {
        return dir.resolve("scenario.yaml");
    }

    private Scenario loadFault(String fault) throws IOException {
        Files.writeString(file(), "scenario: s\n" + TOPOLOGY + "faults:\n  - " + fault + "\n");
        return ScenarioLoader.withPlugins(Plugins.of(List.of(new ResourceExhaustionType()), List.of())).load(file());
    }

    private Scenario load(String target, String with) throws IOException {
        return loadFault("{ name: squeeze, type: resource-exhaustion, target: \"" + target + "\", at: 1s, duration: 8s,"
                + " with: " + with + " }");
    }

    // ---- the type

    @Test
    void isTheResourceExhaustionTypeWithARequiredDuration() {
        ResourceExhaustionType type = new ResourceExhaustionType();

        assertThat(type.type()).isEqualTo("resource-exhaustion");
        assertThat(type.durationRule()).isEqualTo(FaultType.DurationRule.REQUIRED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cpu, CPU", "memory, MEMORY", "disk, DISK", "file-descriptors, FILE_DESCRIPTORS",
        "connections, CONNECTIONS"})
    void everyResourceLoadsByItsName(String name, Resource resource) {
        ResourceExhaustion fault = configure("{resource: " + name + ", level: 50%}");

        assertThat(fault.resource()).isEqualTo(resource);
    }

    @Test
    void anUnknownResourceListsTheKnownOnes() {
        assertRejected("{resource: gpu, level: 50%}", "resource",
                "expected one of cpu, memory, disk, file-descriptors, connections but was 'gpu'");
    }

    @Test
    void aResourceIsRequired() {
        assertRejected("{level: 50%}", "resource", "is required");
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertRejected("{resource: cpu, level: 50%, threads: 4}", "threads",
                "unknown field; expected one of resource, level, port, user, password, database");
    }

    // ---- describe

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "{resource: cpu, level: 100%}; cpu at 100% for 8s",
        "{resource: disk, level: 12.5%}; disk at 12.50% for 8s",
        "{resource: memory, level: 150%}; memory at 150% for 8s",
        "{resource: file-descriptors, level: 95%}; file-descriptors at 95% for 8s",
        "{resource: connections, level: 100%}; connections at 100% for 8s (:5432)",
        "{resource: connections, level: 90%, port: 6432, user: app, password: s3cret, database: orders};"
                + " connections at 90% for 8s (app@:6432/orders)"})
    void describesTheResourceTheLevelAndTheDurationButNeverThePassword(String with, String described) {
        assertThat(configure(with).describe()).isEqualTo(described);
    }

    // ---- level

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"cpu, 100%, 1.0", "cpu, 95%, 0.95", "disk, 12.5%, 0.125", "memory, 200%, 2.0",
        "memory, 150%, 1.5", "connections, 0.01%, 0.0001"})
    void aLevelIsAPercentage(String resource, String level, double share) {
        assertThat(configure("{resource: " + resource + ", level: " + level + "}").level()).isEqualTo(share);
    }

    static Stream<Arguments> wrongLevels() {
        return Stream.of(
                Arguments.of("cpu", "0%", 100, "0%"),
                Arguments.of("cpu", "-5%", 100, "-5%"),
                Arguments.of("cpu", "101%", 100, "101%"),
                Arguments.of("disk", "150%", 100, "150%"),
                Arguments.of("connections", "100.5%", 100, "100.5%"),
                Arguments.of("memory", "250%", 200, "250%"),
                Arguments.of("memory", "abc", 200, "abc"),
                Arguments.of("cpu", "50", 100, "50"),
                Arguments.of("cpu", "12.125%", 100, "12.125%"),
                Arguments.of("cpu", "\"1000000000000000000000000000000000000000000000000000%\"", 100,
                        "1000000000000000000000000000000000000000..."),
                Arguments.of("file-descriptors", "\"10\\x1b[2J\\r\\n0%\"", 100, "10?[2J??0%"));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("wrongLevels")
    void aLevelOutOfRangeOrNotAPercentageIsOneProblemShowingItPrintably(String resource, String level, int max,
            String shown) {
        assertRejected("{resource: " + resource + ", level: " + level + "}", "level",
                "expected a percentage greater than 0% and at most " + max + "% (the share of " + resource
                        + " to take, e.g. 100%) but was '" + shown + "'");
    }

    @Test
    void aLevelIsRequired() {
        assertRejected("{resource: cpu}", "level", "is required");
    }

    // ---- the store's login: connections only

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"port: 5432", "user: app", "password: s3cret", "database: orders"})
    void onlyAConnectionsFaultTakesTheStoresLogin(String field) {
        String key = field.substring(0, field.indexOf(':'));

        assertRejected("{resource: memory, level: 50%, " + field + "}", key,
                "only a connections fault takes " + key + "; resource is memory");
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {0, 65536, -1})
    void aPortOutsideOneTo65535IsRejected(int port) {
        assertRejected("{resource: connections, level: 100%, port: " + port + "}", "port",
                "expected a port from 1 to 65535 but was " + port);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {1, 65535})
    void thePortsAtTheEndsOfTheRangeAreAccepted(int port) {
        assertThat(configure("{resource: connections, level: 100%, port: " + port + "}").describe())
                .endsWith("(:" + port + ")");
    }

    @Test
    void aStoreLoginLeftUnsetComesFromTheStoresEnvironmentThenTheDefault() {
        StoreLogin login = new StoreLogin(5432, null, null, null);

        assertThat(login.resolvedWith(Map.of("POSTGRES_USER", "app", "POSTGRES_PASSWORD", "pw")))
                .isEqualTo(new StoreLogin(5432, "app", "pw", "app"));
        assertThat(login.resolvedWith(Map.of()))
                .isEqualTo(new StoreLogin(5432, "faultline", "faultline", "faultline"));
    }

    // ---- settings only

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{resource: cpu, level: 100%}",
        "{resource: connections, level: 90%, port: 6432, user: app, password: s3cret, database: orders}"})
    void theConfiguredFaultHoldsSettingsOnly(String with) {
        assertThat(Immutability.problems(configure(with))).isEmpty();
    }

    // ---- the target, checked against the topology when the scenario is loaded

    static Stream<Arguments> unsuitableTargets() {
        return Stream.of(
                Arguments.of("worker", "cpu", "resource-exhaustion of cpu needs a CPU limit to exhaust, and worker"
                        + " declares none: add resources: {cpus: 1.0} to it (without a limit the stress would take the"
                        + " host's CPUs)"),
                Arguments.of("worker[0]", "memory", "resource-exhaustion of memory needs a memory limit to exhaust, and"
                        + " worker declares none: add resources: {memory: 512m} to it (without a limit the stress would"
                        + " take the host's memory)"),
                Arguments.of("worker", "disk", "resource-exhaustion of disk needs a bounded disk, and worker declares"
                        + " none: add resources: {disk: {path: /var/lib/data, size: 64m}} to it (Faultline never fills"
                        + " the host's disk)"),
                Arguments.of("limited", "connections", "resource-exhaustion of connections holds a PostgreSQL store's"
                        + " connection slots, and limited has role agent, not store"),
                Arguments.of("closed-store", "connections", "resource-exhaustion of connections reaches the store on"
                        + " its port 5432, which closed-store does not publish: add it to its ports (or set with:"
                        + " {port: ...})"));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("unsuitableTargets")
    void aTargetWithoutWhatTheResourceNeedsIsOneProblemAtTarget(String target, String resource, String message) {
        assertOneProblem(() -> load(target, "{resource: " + resource + ", level: 100%}"), "faults[0].target", message);
    }

    @Test
    void aConnectionsFaultOnAPortTheStoreDoesNotPublishIsOneProblemAtTarget() {
        assertOneProblem(() -> load("postgres", "{resource: connections, level: 100%, port: 6432}"),
                "faults[0].target", "resource-exhaustion of connections reaches the store on its port 6432, which"
                        + " postgres does not publish: add it to its ports (or set with: {port: ...})");
    }

    @Test
    void theProblemNamesTheFileTheLineAndTheColumnOfTheTarget() {
        assertThatThrownBy(() -> load("worker", "{resource: cpu, level: 100%}"))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageStartingWith(file() + ":13:57 faults[0].target: resource-exhaustion of cpu needs");
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({"limited, cpu", "limited, memory", "limited, disk", "worker, file-descriptors",
        "worker[1], file-descriptors", "postgres, connections"})
    void aTargetWithWhatTheResourceNeedsLoads(String target, String resource) throws IOException {
        Scenario scenario = load(target, "{resource: " + resource + ", level: 100%}");

        assertThat(scenario.faults()).singleElement().satisfies(f -> {
            assertThat(f.duration()).isEqualTo(WINDOW);
            assertThat(((ResourceExhaustion) f.fault()).resource()).isEqualTo(Resource.byId(resource).orElseThrow());
        });
    }

    @Test
    void aScenarioWithoutADurationIsRejected() {
        assertOneProblem(() -> loadFault("{ name: squeeze, type: resource-exhaustion, target: limited, at: 1s,"
                + " with: {resource: cpu, level: 100%} }"), "faults[0].duration",
                "is required for a fault of type resource-exhaustion (how long the fault lasts, e.g. 15s)");
    }
}
