package dev.faultline.api;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.faultline.Faultline;
import dev.faultline.ScenarioBuilder;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Scenario;
import dev.faultline.injectors.BrokerMode;
import dev.faultline.injectors.Direction;
import dev.faultline.injectors.Signal;

/** Shipped scenarios written with the typed classes make the scenario their YAML file makes. */
class TypedScenariosTest {
    private static final Path SCENARIOS = Path.of("../scenarios");

    /** The probes and ledger load every shipped support-desk scenario has. */
    private static ScenarioBuilder supportDesk(String name, String topology, Duration loadFor, Duration drain) {
        Scenario file = Faultline.load(SCENARIOS.resolve(name + ".yaml"));
        return Faultline.scenario(name)
                .description(file.description())
                .topology(SCENARIOS.resolve("topologies").resolve(topology))
                .seed(7)
                .sampleEvery(ofMillis(100))
                .probe(Probes.http("api-ready", "orchestrator", 8080, "/ready").status(200).within(ofMillis(500)))
                .probe(Probes.http("workers-up", "worker", 8080, "/health").status(200).within(ofMillis(500)))
                .load(Load.ledger(Rate.perSecond(20), loadFor)
                        .submit("orchestrator", 8080, "/tasks")
                        .results("orchestrator", 8080, "/results")
                        .drain(drain));
    }

    private static Integrity nothingLost() {
        return Objectives.integrity().lost(0).duplicated(0).rpo(Duration.ZERO);
    }

    private static Slo loadFigures() {
        return Objectives.slo().errorRateBelow(Percent.of(1)).p99LatencyBelow(ofSeconds(1))
                .throughputAtLeast(Rate.perSecond(18));
    }

    static java.util.stream.Stream<Arguments> scenarios() {
        return java.util.stream.Stream.of(
                Arguments.of("worker-crash", supportDesk("worker-crash", "support-desk.yaml", ofSeconds(22), ofSeconds(30))
                        .fault("kill-worker", Faults.agentCrash(Signal.KILL).on(Targets.service("worker").instance(0))
                                .at(ofSeconds(10)))
                        .objective(Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3)))
                        .objective(nothingLost())
                        .objective(Objectives.containment().mayDegrade("worker").mustStayHealthy("orchestrator"))
                        .objective(loadFigures().duringFaults(Objectives.slo().errorRateBelow(Percent.of(1))
                                .p99LatencyBelow(ofSeconds(1))))),
                Arguments.of("broker-outage", supportDesk("broker-outage", "support-desk.yaml", ofSeconds(30), ofSeconds(60))
                        .fault("broker-away", Faults.brokerOutage(BrokerMode.STOP).on(Targets.service("rabbitmq"))
                                .at(ofSeconds(8)).lasting(ofSeconds(10)))
                        .objective(Objectives.recovery(ofSeconds(30)).stableFor(ofSeconds(3)))
                        .objective(nothingLost())
                        .objective(Objectives.containment().mayDegrade("orchestrator", "worker").maxCascadeDepth(1))
                        .objective(Objectives.slo().errorRateBelow(Percent.of(1)))),
                Arguments.of("clock-skew", supportDesk("clock-skew", "support-desk-deadline.yaml", ofSeconds(20),
                        ofSeconds(20))
                        .fault("skew-worker", Faults.clockSkew(ofSeconds(30)).on("worker[0]").at(ofSeconds(6))
                                .lasting(ofSeconds(8)))
                        .objective(Objectives.recovery(ofSeconds(5)).stableFor(ofSeconds(3)))
                        .objective(nothingLost())
                        .objective(Objectives.containment().mayDegrade("worker").mustStayHealthy("orchestrator"))
                        .objective(loadFigures())),
                Arguments.of("cpu-starvation", supportDesk("cpu-starvation", "support-desk.yaml", ofSeconds(22),
                        ofSeconds(30))
                        .fault("starve-orchestrator", Faults.cpu(Percent.of(100)).on("orchestrator").at(ofSeconds(6))
                                .lasting(ofSeconds(8)))
                        .objective(Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3)))
                        .objective(nothingLost())
                        .objective(Objectives.containment().mayDegrade("orchestrator").mustStayHealthy("worker"))
                        .objective(Objectives.slo().duringFaults(Objectives.slo().p99LatencyBelow(ofMillis(500))))),
                Arguments.of("poison-messages", supportDesk("poison-messages", "support-desk.yaml", ofSeconds(14),
                        ofSeconds(10))
                        .fault("poison", Faults.poisonMessages(50, "tasks").on("rabbitmq").at(ofSeconds(6)))
                        .objective(Objectives.recovery(ofSeconds(10)).stableFor(ofSeconds(3)))
                        .objective(nothingLost())
                        .objective(Objectives.containment().mayDegrade("worker").mustStayHealthy("orchestrator"))
                        .objective(loadFigures())),
                Arguments.of("store-latency", supportDesk("store-latency", "support-desk.yaml", ofSeconds(24), ofSeconds(60))
                        .fault("slow-store", Faults.network().latency(ofMillis(300)).jitter(ofMillis(50))
                                .direction(Direction.DOWNSTREAM).on(Targets.link("worker", "postgres"))
                                .at(ofSeconds(8)).lasting(ofSeconds(10)))
                        .objective(Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3)))
                        .objective(nothingLost())
                        .objective(Objectives.containment().mayDegrade("worker").mustStayHealthy("orchestrator"))
                        .objective(Objectives.slo().errorRateBelow(Percent.of(1)).p99LatencyBelow(ofSeconds(1)))),
                Arguments.of("crash-loop", supportDesk("crash-loop", "support-desk.yaml", ofSeconds(20), ofSeconds(20))
                        .fault("crash-loop", Faults.agentCrash(Signal.KILL, 2, ofSeconds(5))
                                .on(Targets.service("worker").percent(50)).at(ofSeconds(5)))
                        .objective(Objectives.recovery(ofSeconds(8)).stableFor(ofSeconds(3)))
                        .objective(nothingLost())
                        .objective(Objectives.containment().mayDegrade("worker").mustStayHealthy("orchestrator"))
                        .objective(loadFigures().duringFaults(Objectives.slo().errorRateBelow(Percent.of(1))
                                .p99LatencyBelow(ofSeconds(1))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theTypedScenarioIsTheOneItsYamlFileMakes(String name, ScenarioBuilder typed) {
        Scenario fromYaml = Faultline.load(SCENARIOS.resolve(name + ".yaml"));

        Scenario built = typed.build();

        assertThat(built).usingRecursiveComparison().ignoringFields("source").isEqualTo(fromYaml);
        assertThat(built.faults()).extracting(f -> f.fault().describe())
                .isEqualTo(fromYaml.faults().stream().map(f -> f.fault().describe()).toList());
        assertThat(built.faults()).extracting(FaultSpec::type, FaultSpec::target, FaultSpec::at, FaultSpec::duration)
                .isEqualTo(fromYaml.faults().stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.type(),
                        f.target(), f.at(), f.duration())).toList());
    }
}
