package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact text users see, word for word, with file, line and column. */
class ErrorMessagesTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    @Test
    void aWrongEnumValueListsTheChoicesInLowerCase() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                faults:
                  - name: broker-away
                    type: test-outage
                    target: broker
                    at: 20s
                    duration: 15s
                    with:
                      mode: halt
                """);

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":10:13 faults[0].with.mode: expected one of stop, kill, pause, disconnect but was 'halt'");
    }

    @Test
    void anUnknownFieldSuggestsTheClosestOneAndListsThemAll() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                steady-state:
                  prob:
                    - name: ready
                      http: { service: worker, port: 8080, path: /ready }
                """);

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":4:3 steady-state.prob: unknown field; did you mean 'probes'? Expected one of sample-every, sharpen, probes");
    }

    @Test
    void aLoadDriverThatIsNotInstalledIsNamedWithTheInstalledOnes() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenarioWith("driver: ledger", "driver: gatling");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":12:11 load.driver: expected one of ledger but was 'gatling'");
    }

    @Test
    void aWorkloadFieldTheDriverDoesNotTakeIsNamedWithTheDriverThatDoes() {
        ScenarioLoader withShaping = ScenarioLoader.withPlugins(
                TestPlugins.all().withLoadDriver(new TestPlugins.ShapingDriver("gatling")));
        Path scenario = new YamlFixture(dir).scenarioWith("rate: 20/s", "rate: 20/s\n  ramp-up: 5s");

        assertThat(problemsOf(() -> withShaping.load(scenario))).singleElement().hasToString(
                scenario + ":14:12 load.ramp-up: the ledger driver does not take ramp-up; gatling does (driver: gatling)");
    }

    @Test
    void rateAndUsersTogetherAreOneWorkloadTooMany() {
        ScenarioLoader withShaping = ScenarioLoader.withPlugins(
                TestPlugins.all().withLoadDriver(new TestPlugins.ShapingDriver("gatling")));
        Path scenario = new YamlFixture(dir).scenarioWith("driver: ledger\n  rate: 20/s",
                "driver: gatling\n  rate: 20/s\n  users: 5");

        assertThat(problemsOf(() -> withShaping.load(scenario))).singleElement().hasToString(
                scenario + ":14:10 load.users: expected one of rate, users and simulation but found both rate and users");
    }

    @Test
    void aRampUpNeedsARateAndMustEndBeforeTheLoad() {
        ScenarioLoader withShaping = ScenarioLoader.withPlugins(
                TestPlugins.all().withLoadDriver(new TestPlugins.ShapingDriver("gatling")));
        YamlFixture files = new YamlFixture(dir);
        Path closed = files.scenarioWith("driver: ledger\n  rate: 20/s", "driver: gatling\n  users: 5\n  ramp-up: 2s");
        assertThat(problemsOf(() -> withShaping.load(closed))).singleElement().hasToString(
                closed + ":14:12 load.ramp-up: ramp-up rises to load.rate: give a rate with it");

        Path tooLong = files.scenarioWith("driver: ledger\n  rate: 20/s", "driver: gatling\n  rate: 20/s\n  ramp-up: 40s");
        assertThat(problemsOf(() -> withShaping.load(tooLong))).singleElement().hasToString(
                tooLong + ":14:12 load.ramp-up: expected a time shorter than load.duration (40s) but was '40s'");
    }

    @Test
    void aSimulationIsAClassNameTheDriverFinds() {
        ScenarioLoader withShaping = ScenarioLoader.withPlugins(
                TestPlugins.all().withLoadDriver(new TestPlugins.ShapingDriver("gatling")));
        YamlFixture files = new YamlFixture(dir);
        Path hostile = files.scenarioWith("driver: ledger\n  rate: 20/s", "driver: gatling\n  simulation: ../../etc/passwd");
        assertThat(problemsOf(() -> withShaping.load(hostile))).singleElement().hasToString(hostile
                + ":13:15 load.simulation: expected a Java class name like com.example.MySimulation but was '../../etc/passwd'");

        Path missing = files.scenarioWith("driver: ledger\n  rate: 20/s", "driver: gatling\n  simulation: com.example.Gone");
        assertThat(problemsOf(() -> withShaping.load(missing))).singleElement().hasToString(missing
                + ":13:15 load.simulation: expected a class on the classpath but was 'com.example.Gone'");

        Path known = files.scenarioWith("driver: ledger\n  rate: 20/s", "driver: gatling\n  simulation: com.example.Known");
        assertThat(withShaping.load(known).loadSpec()).hasValueSatisfying(l -> {
            assertThat(l.simulation()).isEqualTo("com.example.Known");
            assertThat(l.rate()).isNull();
        });
    }

    @Test
    void aWordWhereAnIntegerBelongsIsNamedInTheTopologyFile() {
        YamlFixture files = new YamlFixture(dir);
        Path topology = files.topologyWith("replicas: 2", "replicas: two");

        assertThat(problemsOf(() -> loader.loadTopology(topology))).singleElement().hasToString(
                topology + ":7:15 services.worker.replicas: expected an integer but was 'two'");
    }

    @Test
    void aDurationWithoutAUnitIsRejected() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenarioWith("at: 10s", "at: 10");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":22:9 faults[0].at: expected a duration like 250ms, 10s or 2m, but was '10'");
    }

    @Test
    void aMissingFieldIsReportedAtItsSection() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenarioWith("    type: test-crash\n", "");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":19:5 faults[0].type: is required");
    }

    @Test
    void aCycleInDependsOnIsSpelledOut() {
        YamlFixture files = new YamlFixture(dir);
        Path topology = files.write("cycle.yaml", """
                topology: cycle
                services:
                  api: { image: a, depends-on: [queue] }
                  queue: { image: q, depends-on: [db] }
                  db: { image: d, depends-on: [api] }
                """);

        assertThat(problemsOf(() -> loader.loadTopology(topology))).singleElement().hasToString(
                topology + ":3:33 services.api.depends-on[0]: depends-on has a cycle: api -> queue -> db -> api");
    }

    @Test
    void theExceptionMessageListsEveryProblemOnItsOwnLine() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                seed: seven
                faults:
                  - name: kill-worker
                    type: test-crush
                    target: worker[2]
                    at: 10s
                """);

        assertThatThrownBy(() -> loader.load(scenario)).isInstanceOf(InvalidScenarioException.class).hasMessage(
                scenario + ":3:7 seed: expected an integer but was 'seven'\n"
                        + scenario + ":6:11 faults[0].type: unknown fault type 'test-crush'; did you mean 'test-crash'?"
                        + " Known types: test-crash, test-hang, test-network, test-outage\n"
                        + scenario + ":7:13 faults[0].target: worker[2] is out of range: worker has 2 replicas"
                        + " (worker[0] to worker[1])");
    }

    @Test
    void anUnknownServiceSuggestsTheClosestAndListsTheServices() {
        YamlFixture files = new YamlFixture(dir);
        Path scenario = files.scenarioWith("target: broker", "target: brokr");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement().hasToString(
                scenario + ":26:13 faults[1].target: unknown service 'brokr'; did you mean 'broker'? Services: broker, worker");
    }
}
