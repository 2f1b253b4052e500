package dev.faultline.injectors.state;

import static dev.faultline.injectors.Problems.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;
import dev.faultline.engine.spi.StoreAdapter;
import dev.faultline.engine.yaml.Plugins;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.Immutability;

/** {@code data-corruption} of kind {@code state} as configured: its fields, and its target checked at load time. */
class StateCorruptionTest {
    private static final Duration WINDOW = Duration.ofSeconds(8);
    private static final String TOPOLOGY = """
            topology:
              topology: desk
              services:
                rabbitmq: { image: faultline/rabbitmq, role: broker, ports: [5672] }
                postgres: { image: faultline/postgres, role: store, ports: [5432] }
                archive: { image: faultline/postgres, role: store, ports: [5432] }
                closed-store: { image: faultline/postgres, role: store }
                mysql: { image: mysql, role: store, ports: [3306] }
                pg-pair: { image: faultline/postgres, role: store, replicas: 2, ports: [5432] }
                worker: { image: faultline/agent, role: agent, replicas: 2, depends-on: [rabbitmq, postgres] }
                loner: { image: faultline/agent, role: agent, depends-on: [rabbitmq] }
                twins: { image: faultline/agent, role: agent, depends-on: [postgres, archive] }
                closed: { image: faultline/agent, role: agent, depends-on: [closed-store] }
                mystery: { image: faultline/agent, role: agent, depends-on: [mysql] }
                replicated: { image: faultline/agent, role: agent, depends-on: [pg-pair] }
            """;

    @TempDir
    Path dir;

    private static StateCorruption configure(String with) {
        return StateCorruption.read(YamlParams.parse(with), WINDOW);
    }

    private static void assertRejected(String with, String path, String message) {
        assertOneProblem(() -> configure(with), path, message);
    }

    /** Reads {@code data-corruption} of kind state only, as the real type does for that kind. */
    private static final class StateOnly implements FaultType {
        @Override
        public String type() {
            return "data-corruption";
        }

        @Override
        public DurationRule durationRule() {
            return DurationRule.REQUIRED;
        }

        @Override
        public Fault configure(Params with, Duration duration) {
            return StateCorruption.read(with, duration);
        }
    }

    private Path file() {
        return dir.resolve("scenario.yaml");
    }

    private Scenario load(String target, String with) throws IOException {
        Files.writeString(file(), "scenario: s\n" + TOPOLOGY + "faults:\n  - { name: tamper, type: data-corruption,"
                + " target: \"" + target + "\", at: 1s, duration: 8s, with: " + with + " }\n");
        return ScenarioLoader.withPlugins(Plugins.of(List.of(new StateOnly()), List.of())).load(file());
    }

    // ---- the fields

    @Test
    void theCheckpointIsTheLatestVersionOfTheOwnersStateInCheckpointsByDefault() {
        StateCorruption fault = configure("{kind: state}");

        assertThat(fault.location()).isEqualTo(new StoreAdapter.Location(null, "checkpoints", "owner", "version",
                "state"));
    }

    @Test
    void everyNameOfTheCheckpointCanBeSet() {
        StateCorruption fault = configure("{kind: state, database: orders, table: agent_state, owner-column: agent_id,"
                + " order-by: seq, column: tally}");

        assertThat(fault.location()).isEqualTo(new StoreAdapter.Location("orders", "agent_state", "agent_id", "seq",
                "tally"));
    }

    @Test
    void describesTheCheckpointTheStoreAndTheDurationButNeverTheLogin() {
        StateCorruption fault = configure("{kind: state, store: postgres, adapter: postgresql, user: app,"
                + " password: s3cret, database: orders}");

        assertThat(fault.describe()).isEqualTo("kind=state checkpoints.state (latest by version per owner)"
                + " store=postgres adapter=postgresql for 8s");
    }

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("table", "\"checkpoints; DROP TABLE checkpoints\"", "checkpoints; DROP TABLE checkpoints"),
                Arguments.of("column", "\"state = '{}' --\"", "state = '{}' --"),
                Arguments.of("owner-column", "'\"owner\"'", "\"owner\""),
                Arguments.of("order-by", "\"version DESC, (SELECT 1)\"", "version DESC, (SELECT 1)"),
                Arguments.of("table", "public.checkpoints", "public.checkpoints"),
                Arguments.of("column", "1state", "1state"),
                Arguments.of("column", "\"\"", ""),
                Arguments.of("table", "naïve", "naïve"),
                Arguments.of("column", "\"state\\u0000\\r\\n\"", "state???"),
                Arguments.of("table", "a".repeat(64), "a".repeat(40) + "..."));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileNames")
    void aNameThatIsNotAPlainSqlIdentifierIsOneProblemShowingItPrintably(String key, String value, String shown) {
        assertRejected("{kind: state, " + key + ": " + value + "}", key, "expected a plain SQL name (ASCII"
                + " letters, digits and _, not starting with a digit, at most 63 characters) but was '" + shown + "'");
    }

    @Test
    void aNameOf63CharactersIsAccepted() {
        assertThat(configure("{kind: state, table: " + "t".repeat(63) + "}").location().table()).hasSize(63);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"postgres; rm -rf /\"", "../postgres", "\"-postgres\"", "\"pg\\nx\""})
    void aStoreThatIsNotAServiceNameIsRejected(String store) {
        String shown = YamlParams.parse("{v: " + store + "}").string("v").orElseThrow().replace('\n', '?');

        assertRejected("{kind: state, store: " + store + "}", "store", "expected the name of a service of the"
                + " topology (letters, digits, _, . and -) but was '" + shown + "'");
    }

    @Test
    void anAdapterNoOneInstalledIsRejectedListingTheInstalledOnes() {
        assertRejected("{kind: state, adapter: oracle}", "adapter", "expected one of postgresql (the store adapters"
                + " installed) but was 'oracle'");
    }

    @Test
    void anAdapterThatIsNotAProductNameIsRejected() {
        assertRejected("{kind: state, adapter: \"postgresql'--\"}", "adapter", "expected the name of an adapter's"
                + " product, e.g. postgresql (letters, digits, _, . and -) but was 'postgresql'--'");
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {0, 65536, -1})
    void aPortOutsideOneTo65535IsRejected(int port) {
        assertRejected("{kind: state, port: " + port + "}", "port", "expected a port from 1 to 65535 but was " + port);
    }

    @Test
    void anUnknownFieldListsTheKnownOnes() {
        assertRejected("{kind: state, rate: 5%}", "rate", "unknown field; expected one of kind, store, adapter,"
                + " table, owner-column, order-by, column, port, user, password, database");
    }

    @Test
    void withoutADurationItIsOneProblemAtKind() {
        assertOneProblem(() -> StateCorruption.read(YamlParams.parse("{kind: state}"), null), "kind",
                "state lasts a while: the fault needs a duration (e.g. duration: 8s)");
    }

    @Test
    void theConfiguredFaultHoldsSettingsOnly() {
        StateCorruption fault = configure("{kind: state, store: postgres, adapter: postgresql, port: 5432, user: app,"
                + " password: s3cret, database: orders}");

        assertThat(Immutability.problems(fault)).isEmpty();
    }

    // ---- the target and its store, checked against the topology when the scenario is loaded

    @Test
    void theOneStoreTheTargetDependsOnIsFoundWithItsAdapter() throws IOException {
        Scenario scenario = load("worker[0]", "{kind: state}");

        assertThat(scenario.faults()).hasSize(1);
    }

    @Test
    void aStoreNamedWithStoreIsUsedAmongSeveral() throws IOException {
        Scenario scenario = load("twins", "{kind: state, store: archive}");

        assertThat(scenario.faults()).hasSize(1);
    }

    @Test
    void aNamedAdapterIsUsedForAStoreNoAdapterRecognizes() throws IOException {
        Scenario scenario = load("mystery", "{kind: state, adapter: postgresql, port: 3306}");

        assertThat(scenario.faults()).hasSize(1);
    }

    static Stream<Arguments> unsuitableTargets() {
        return Stream.of(
                Arguments.of("postgres", "{kind: state}", "data-corruption of kind state tampers with an agent's"
                        + " checkpoint, and postgres has role store, not agent: target the agent whose checkpoint is to"
                        + " be tampered with (e.g. worker[0]); its store is found through its depends-on, or named"
                        + " with with.store"),
                Arguments.of("loner", "{kind: state}", "loner depends on no service with role store, so its"
                        + " checkpoints' store is unknown: add the store to its depends-on, or name it with with.store"
                        + " (stores of the topology: postgres, archive, closed-store, mysql, pg-pair)"),
                Arguments.of("twins", "{kind: state}", "twins depends on 2 stores (postgres, archive): name the one"
                        + " that keeps its checkpoints with with.store"),
                Arguments.of("worker", "{kind: state, store: nowhere}", "with.store names nowhere, which is not a"
                        + " service of topology desk; its stores: postgres, archive, closed-store, mysql, pg-pair"),
                Arguments.of("worker", "{kind: state, store: rabbitmq}", "with.store names rabbitmq, which has role"
                        + " broker, not store"),
                Arguments.of("replicated", "{kind: state}", "store pg-pair has 2 replicas; data-corruption of kind"
                        + " state tampers with a store of one instance"),
                Arguments.of("mystery", "{kind: state}", "no store adapter recognizes service mysql (image mysql);"
                        + " set with.adapter to one of postgresql, or add an adapter"
                        + " (dev.faultline.engine.spi.StoreAdapter, registered in META-INF/services)"),
                Arguments.of("closed", "{kind: state}", "data-corruption of kind state reaches store closed-store on"
                        + " its port 5432, which it does not publish: add it to its ports (or set with: {port: ...})"),
                Arguments.of("worker[1]", "{kind: state, port: 6432}", "data-corruption of kind state reaches store"
                        + " postgres on its port 6432, which it does not publish: add it to its ports (or set with:"
                        + " {port: ...})"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unsuitableTargets")
    void aTargetWhoseCheckpointsCannotBeReachedIsOneProblemAtTarget(String target, String with, String message) {
        assertOneProblem(() -> load(target, with), "faults[0].target", message);
    }
}
