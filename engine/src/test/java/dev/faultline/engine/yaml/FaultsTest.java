package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.messagesOf;
import static dev.faultline.engine.yaml.YamlFixture.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;
import dev.faultline.engine.yaml.TestPlugins.TestFault;

/** A fault's type, target, timing and {@code with:}, checked against the plugins and the topology. */
class FaultsTest {
    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    private Path scenarioWithFault(String fault) {
        return new YamlFixture(dir).scenario("x.yaml", """
                scenario: x
                topology: topologies/tiny.yaml
                faults:
                """ + fault.indent(2));
    }

    @Test
    void anUnknownTypeWithoutACloseMatchListsTheKnownTypes() {
        Path scenario = scenarioWithFault("- { name: f, type: meteor, target: worker, at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly("faults[0].type: unknown fault type 'meteor';"
                + " known types: test-crash, test-hang, test-network, test-outage");
    }

    @Test
    void anUnknownTypeSaysWhenNoFaultTypesAreInstalled() {
        Path scenario = scenarioWithFault("- { name: f, type: test-crash, target: worker, at: 1s }");

        assertThat(messagesOf(() -> ScenarioLoader.withPlugins(Plugins.none()).load(scenario)))
                .containsExactly("faults[0].type: unknown fault type 'test-crash'; no fault types are installed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "worker       | worker     | ALL     | 0",
            "worker[1]    | worker     | INDEX   | 1",
            "broker[0]    | broker     | INDEX   | 0",
            "worker[random] | worker   | RANDOM  | 0",
            "worker[50%]  | worker     | PERCENT | 50"})
    void aTargetNamesAServiceOfTheTopology(String text, String service, Target.Kind kind, int value) {
        Path scenario = scenarioWithFault("- { name: f, type: test-crash, target: \"" + text + "\", at: 1s }");

        assertThat(loader.load(scenario).faults().get(0).target()).isEqualTo(new Target(service, kind, value));
    }

    @Test
    void aTargetIndexMustBeBelowTheReplicas() {
        Path scenario = scenarioWithFault("- { name: f, type: test-crash, target: \"broker[1]\", at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario)))
                .containsExactly("faults[0].target: broker[1] is out of range: broker has 1 replica (broker[0])");
    }

    @Test
    void aTargetThatIsNotAServiceSelectorIsRejected() {
        Path scenario = scenarioWithFault("- { name: f, type: test-crash, target: \"worker[first]\", at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly("faults[0].target: expected a service name,"
                + " optionally with [index], [random] or [N%] (e.g. worker[0]), but was 'worker[first]'");
    }

    @Test
    void aTargetOfAMissingServiceWithoutACloseMatchListsTheServices() {
        Path scenario = scenarioWithFault("- { name: f, type: test-crash, target: postgres, at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario)))
                .containsExactly("faults[0].target: unknown service 'postgres'; services: broker, worker");
    }

    @Test
    void aLinkTargetNamesADeclaredLink() {
        Path scenario = scenarioWithFault("- { name: f, type: test-network, target: worker->broker, at: 1s }");

        assertThat(loader.load(scenario).faults().get(0).target()).isEqualTo(Target.all("worker").toward("broker"));
    }

    @Test
    void aFaultOnInstancesCannotTargetALink() {
        Path scenario = scenarioWithFault("- { name: f, type: test-crash, target: worker->broker, at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly("faults[0].target: a fault of type "
                + "test-crash acts on a service's instances, not on a link; name the service (e.g. broker or worker[0])");
    }

    @Test
    void aFaultThroughTheProxyNeedsALinkIntoItsService() {
        Path scenario = scenarioWithFault("- { name: f, type: test-network, target: worker, at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly("faults[0].target: a fault of type "
                + "test-network works through the fault proxy, but no link leads to worker in topology tiny; declare "
                + "one under links: (e.g. { from: broker, to: worker, port: <its port> })");
    }

    @Test
    void aLinkTargetMayChooseItsClientInstances() {
        Path scenario = scenarioWithFault("- { name: f, type: test-network, target: \"worker[1]->broker\", at: 1s }");

        Target target = loader.load(scenario).faults().get(0).target();

        assertThat(target).isEqualTo(Target.index("worker", 1).toward("broker"));
        assertThat(target).hasToString("worker[1]->broker");
    }

    @Test
    void aLinkTargetWithASelectorOnItsServerEndIsRejected() {
        Path scenario = scenarioWithFault("- { name: f, type: test-network, target: \"worker->broker[0]\", at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario))).singleElement().asString()
                .startsWith("faults[0].target: expected a link between two services, its client end optionally");
    }

    @Test
    void aLinkTargetThatTheTopologyDoesNotDeclareIsRejected() {
        Path scenario = scenarioWithFault("- { name: f, type: test-network, target: broker->worker, at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "faults[0].target: no link broker->worker in topology tiny; links: worker->broker");
    }

    @Test
    void aFaultTypeThatNeedsADurationSaysSo() {
        Path scenario = scenarioWithFault("- { name: f, type: test-hang, target: worker, at: 1s }");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "faults[0].duration: is required for a fault of type test-hang (how long the fault lasts, e.g. 15s)");
    }

    @Test
    void anInstantaneousFaultTypeRejectsADuration() {
        Path scenario = scenarioWithFault("- { name: f, type: test-crash, target: worker, at: 1s, duration: 5s }");

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "faults[0].duration: a fault of type test-crash happens at an instant and takes no duration; remove it");
    }

    @Test
    void anOptionalDurationMayBeLeftOutOrGiven() {
        Path scenario = scenarioWithFault("""
                - { name: always, type: test-network, target: broker, at: 1s }
                - { name: windowed, type: test-network, target: worker->broker, at: 1s, duration: 2m }
                """);

        List<FaultSpec> faults = loader.load(scenario).faults();

        assertThat(faults.get(0).window()).isEmpty();
        assertThat(faults.get(1).window()).contains(Duration.ofMinutes(2));
    }

    @Test
    void aFaultTypeReadsEveryKindOfValueThroughParams() {
        Path scenario = scenarioWithFault("""
                - name: slow
                  type: test-network
                  target: worker->broker
                  at: 1s
                  with: { latency: 250ms, toxicity: 5%, bandwidth: 512KB, enabled: true, weight: 0.5, limit: 10 }
                """);

        assertThat(loader.load(scenario).faults().get(0).fault()).isEqualTo(new TestFault("test-network",
                Map.of("latency", Duration.ofMillis(250), "toxicity", 0.05, "bandwidth", 512L * 1024, "enabled", true,
                        "weight", 0.5, "limit", 10L), null));
    }

    @Test
    void anIllegalArgumentFromAFaultTypeIsReportedAtItsWithSection() {
        Path scenario = scenarioWithFault("""
                - name: slow
                  type: test-network
                  target: worker->broker
                  at: 1s
                  with: { limit: 5000 }
                """);

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement()
                .hasToString(scenario + ":8:11 faults[0].with: limit must be at most 1000, but was 5000");
    }

    @Test
    void aMissingWithIsAnEmptySectionAtTheFault() {
        Path scenario = scenarioWithFault("- { name: away, type: test-outage, target: broker, at: 1s, duration: 1s }");

        assertThat(problemsOf(() -> loader.load(scenario))).singleElement()
                .hasToString(scenario + ":4:5 faults[0].with.mode: is required");
    }

    @Test
    void problemsOfSeveralFaultsAndTheirPluginsAreCollectedTogether() {
        Path scenario = scenarioWithFault("""
                - { name: a, type: test-crash, target: worker, at: 1s, with: { signal: HUP } }
                - { name: b, type: test-outage, target: broker, at: 1s, duration: 1s, with: { mode: halt } }
                - { name: c, type: test-network, target: worker, at: 1s, with: { latency: 10 } }
                """);

        assertThat(messagesOf(() -> loader.load(scenario))).containsExactly(
                "faults[0].with.signal: expected one of kill, term but was 'HUP'",
                "faults[1].with.mode: expected one of stop, kill, pause, disconnect but was 'halt'",
                "faults[2].with.latency: expected a duration like 250ms, 10s or 2m, but was '10'");
    }

    @Test
    void configureIsNotCalledForAFaultWhoseDurationIsWrong() {
        AtomicInteger calls = new AtomicInteger();
        FaultType counting = new FaultType() {
            @Override
            public String type() {
                return "counted";
            }

            @Override
            public DurationRule durationRule() {
                return DurationRule.REQUIRED;
            }

            @Override
            public Fault configure(Params with, Duration duration) {
                calls.incrementAndGet();
                return new TestFault("counted", Map.of(), duration);
            }
        };
        Path scenario = scenarioWithFault("- { name: f, type: counted, target: worker, at: 1s }");

        messagesOf(() -> ScenarioLoader.withPlugins(Plugins.none().withFaultType(counting)).load(scenario));

        assertThat(calls).hasValue(0);
    }

    @Test
    void theDurationAndParamsReachTheFaultType() {
        Path scenario = scenarioWithFault("""
                - name: twice
                  type: test-crash
                  target: worker
                  at: 1s
                  with: { signal: TERM, repeat: { times: 2, every: 5s } }
                """);

        assertThat(loader.load(scenario).faults().get(0).fault()).isEqualTo(new TestFault("test-crash",
                Map.of("signal", TestPlugins.Signal.TERM, "times", 2L, "every", Duration.ofSeconds(5)), null));
    }
}
