package dev.faultline.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.model.HealthCheck;
import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Resources;
import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.yaml.TestPlugins.Mode;
import dev.faultline.engine.yaml.TestPlugins.Signal;
import dev.faultline.engine.yaml.TestPlugins.TestFault;
import dev.faultline.engine.yaml.TestPlugins.TestObjective;

/** The examples of the format's original design (with the test plugins' types) load into the typed model. */
class FullScenarioTest {
    private final ScenarioLoader loader = TestPlugins.loader();

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FullScenarioTest.class.getResource("/scenarios/" + name).toURI());
    }

    @Test
    void theDocumentedTopologyLoadsIntoTypedServicesAndLinks() throws Exception {
        Topology topology = loader.loadTopology(resource("topologies/support-desk.yaml"));

        assertThat(topology.name()).isEqualTo("support-desk");
        assertThat(topology.services()).containsOnlyKeys("rabbitmq", "postgres", "orchestrator", "worker");
        assertThat(topology.services().keySet()).containsExactly("rabbitmq", "postgres", "orchestrator", "worker");
        assertThat(topology.services().get("rabbitmq")).isEqualTo(new ServiceSpec("rabbitmq", "faultline/rabbitmq",
                Role.BROKER, 1, Map.of(), List.of(5672), null, List.of(), RestartPolicy.NEVER, Resources.UNLIMITED));
        assertThat(topology.services().get("orchestrator")).isEqualTo(new ServiceSpec("orchestrator", "faultline/agent",
                Role.AGENT, 1, Map.of("AGENT_ROLE", "orchestrator"), List.of(8080), new HealthCheck("/health", 8080),
                List.of("rabbitmq", "postgres"), RestartPolicy.NEVER, Resources.UNLIMITED));
        assertThat(topology.services().get("worker")).isEqualTo(new ServiceSpec("worker", "faultline/agent",
                Role.AGENT, 2, Map.of("AGENT_ROLE", "worker"), List.of(), new HealthCheck("/health", 8080),
                List.of("rabbitmq", "postgres"),
                new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, Duration.ofSeconds(2)),
                new Resources(1.0, 512L * 1024 * 1024, null)));
        assertThat(topology.links()).containsExactly(
                new Link("worker", "rabbitmq", 5672),
                new Link("orchestrator", "rabbitmq", 5672),
                new Link("worker", "postgres", 5432));
    }

    @Test
    void theDocumentedScenarioLoadsIntoTypedValues() throws Exception {
        Path source = resource("worker-crash.yaml");

        Scenario scenario = loader.load(source);

        assertThat(scenario.name()).isEqualTo("worker-crash");
        assertThat(scenario.description()).isEqualTo("A worker dies mid-task; its tasks are redelivered, nothing is lost.");
        assertThat(scenario.source()).isEqualTo(source);
        assertThat(scenario.topology()).isEqualTo(loader.loadTopology(resource("topologies/support-desk.yaml")));
        assertThat(scenario.seed()).isEqualTo(7);
        assertThat(scenario.sampleEvery()).isEqualTo(Duration.ofMillis(100));
        assertThat(scenario.probes()).containsExactly(new Probe("api-ready",
                new Endpoint(Target.all("orchestrator"), 8080, "/ready"), 200, Duration.ofMillis(500)));
        assertThat(scenario.loadSpec()).contains(new LoadSpec("ledger", new Rate(20),
                Duration.ofSeconds(40),
                new Endpoint(Target.all("orchestrator"), 8080, "/tasks"),
                new Endpoint(Target.all("orchestrator"), 8080, "/results"),
                Duration.ofSeconds(30)));
        assertThat(scenario.haltWhen()).containsExactly(new HaltCondition("api-ready", Duration.ofSeconds(30)));
    }

    @Test
    void theDocumentedFaultsAreConfiguredByTheirTypes() throws Exception {
        Scenario scenario = loader.load(resource("worker-crash.yaml"));

        assertThat(scenario.faults()).hasSize(2);
        FaultSpec crash = scenario.faults().get(0);
        assertThat(crash.name()).isEqualTo("kill-worker");
        assertThat(crash.type()).isEqualTo("test-crash");
        assertThat(crash.target()).isEqualTo(Target.index("worker", 0));
        assertThat(crash.at()).isEqualTo(Duration.ofSeconds(10));
        assertThat(crash.window()).isEmpty();
        assertThat(crash.fault()).isEqualTo(new TestFault("test-crash", Map.of("signal", Signal.KILL), null));

        FaultSpec outage = scenario.faults().get(1);
        assertThat(outage.name()).isEqualTo("broker-away");
        assertThat(outage.target()).isEqualTo(Target.all("rabbitmq"));
        assertThat(outage.at()).isEqualTo(Duration.ofSeconds(20));
        assertThat(outage.window()).contains(Duration.ofSeconds(15));
        assertThat(outage.fault()).isEqualTo(
                new TestFault("test-outage", Map.of("mode", Mode.STOP), Duration.ofSeconds(15)));
    }

    @Test
    void theDocumentedObjectivesAreConfiguredInTheOrderWritten() throws Exception {
        Scenario scenario = loader.load(resource("worker-crash.yaml"));

        assertThat(scenario.objectives()).containsExactly(
                new TestObjective("containment", Map.of("may-degrade", List.of("worker"),
                        "must-stay-healthy", List.of("orchestrator"), "max-cascade-depth", 1L)),
                new TestObjective("recovery", Map.of("within", Duration.ofSeconds(15),
                        "stable-for", Duration.ofSeconds(3))),
                new TestObjective("integrity", Map.of("lost", 0L, "duplicated", 0L, "rpo", Duration.ZERO)),
                new TestObjective("slo", Map.of("error-rate", "< 5%", "p99-latency", "< 2s")));
    }
}
