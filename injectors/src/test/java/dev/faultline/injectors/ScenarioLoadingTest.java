package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Plugins;
import dev.faultline.engine.yaml.ScenarioLoader;

/** The fault types as the scenario loader sees them: found by name, their targets checked against their reach. */
class ScenarioLoadingTest {
    private static final String TOPOLOGY = """
            topology:
              topology: desk
              services:
                rabbitmq: { image: faultline/rabbitmq, role: broker, ports: [5672] }
                postgres: { image: faultline/postgres, role: store, ports: [5432] }
                worker: { image: faultline/agent, role: agent, replicas: 2 }
              links:
                - { from: worker, to: rabbitmq, port: 5672 }
            """;

    @TempDir
    Path dir;

    private Scenario load(String faults) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, "scenario: s\n" + TOPOLOGY + "faults:\n" + faults);
        return ScenarioLoader.withPlugins(Plugins.of(List.of(new NetworkType(), new BrokerOutageType(),
                new DataCorruptionType()), List.of())).load(file);
    }

    @Test
    void linkFaultsAndOutagesLoad() throws IOException {
        Scenario scenario = load("""
                  - { name: slow, type: network, target: "worker[0]->rabbitmq", at: 1s, duration: 5s, with: { latency: 200ms } }
                  - { name: cut, type: network, target: rabbitmq, at: 1s, duration: 5s, with: { partition: true } }
                  - { name: flip, type: data-corruption, target: worker->rabbitmq, at: 1s, duration: 5s, with: { kind: stream, rate: 0.1% } }
                  - { name: away, type: broker-outage, target: rabbitmq, at: 1s, duration: 5s, with: { mode: disconnect } }
                  - { name: gone, type: broker-outage, target: postgres, at: 1s, duration: 5s, with: { mode: stop } }
                """);

        assertThat(scenario.faults()).extracting(f -> f.fault().describe()).containsExactly(
                "latency=200ms direction=both toxicity=100%",
                "partition=true direction=both toxicity=100%",
                "kind=stream rate=0.1% direction=both",
                "mode=disconnect",
                "mode=stop");
    }

    @Test
    void aStateCorruptionWithoutAStoreForItsTargetIsAnErrorAtItsTarget() {
        assertThatThrownBy(() -> load("""
                  - name: tamper
                    type: data-corruption
                    target: worker[0]
                    at: 1s
                    duration: 5s
                    with: { kind: state }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage(dir.resolve("scenario.yaml") + ":13:13 faults[0].target: worker depends on no service with"
                        + " role store, so its checkpoints' store is unknown: add the store to its depends-on, or name"
                        + " it with with.store (stores of the topology: postgres)");
    }

    @Test
    void aDisconnectNeedsALinkIntoTheBroker() {
        assertThatThrownBy(() -> load("""
                  - { name: away, type: broker-outage, target: postgres, at: 1s, duration: 5s, with: { mode: disconnect } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("faults[0].target: a fault of type broker-outage works through the fault proxy, "
                        + "but no link leads to postgres");
    }

    @Test
    void aStopActsOnInstancesNotOnALink() {
        assertThatThrownBy(() -> load("""
                  - { name: away, type: broker-outage, target: worker->rabbitmq, at: 1s, duration: 5s, with: { mode: stop } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("faults[0].target: a fault of type broker-outage acts on a service's instances");
    }

    @Test
    void aNetworkFaultNeedsADuration() {
        assertThatThrownBy(() -> load("""
                  - { name: slow, type: network, target: worker->rabbitmq, at: 1s, with: { latency: 200ms } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("faults[0].duration: is required for a fault of type network");
    }
}
