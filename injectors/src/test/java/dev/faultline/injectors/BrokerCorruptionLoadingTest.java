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

/**
 * The broker kinds of {@code data-corruption} are checked against the topology when the scenario is loaded: the
 * target must be a broker an adapter speaks to and can reach; otherwise the error is at the fault's {@code target},
 * before anything starts.
 */
class BrokerCorruptionLoadingTest {
    private static final String TOPOLOGY = """
            topology:
              topology: desk
              services:
                rabbitmq: { image: faultline/rabbitmq, role: broker, ports: [5672] }
                closed:   { image: faultline/rabbitmq, role: broker }
                kafka:    { image: example/kafka, role: broker, ports: [9092] }
                worker:   { image: faultline/agent, role: agent }
            """;

    @TempDir
    Path dir;

    private Scenario load(String fault) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, "scenario: s\n" + TOPOLOGY + "faults:\n" + fault);
        return ScenarioLoader.withPlugins(Plugins.of(List.of(new DataCorruptionType()), List.of())).load(file);
    }

    @Test
    void poisonMessagesForARabbitMqBrokerLoad() throws IOException {
        Scenario scenario = load("""
                  - { name: poison, type: data-corruption, target: rabbitmq, at: 6s,
                      with: { kind: poison-messages, count: 20, queue: tasks } }
                """);

        assertThat(scenario.faults().get(0).fault().describe()).isEqualTo("kind=poison-messages count=20 queue=tasks");
    }

    @Test
    void aBrokerWhoseAmqpPortIsNotPublishedIsAnErrorAtTheTarget() {
        assertThatThrownBy(() -> load("""
                  - { name: twice, type: data-corruption, target: closed, at: 6s, duration: 5s,
                      with: { kind: duplicate-delivery, rate: 10%, queue: tasks } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage(dir.resolve("scenario.yaml") + ":10:51 faults[0].target: data-corruption of kind"
                        + " duplicate-delivery: RabbitMQ is reached on its AMQP port 5672, which closed does not"
                        + " publish: add 5672 to its ports");
    }

    @Test
    void aBrokerNoAdapterRecognizesIsAnErrorAtTheTargetSayingHowToAddOne() {
        assertThatThrownBy(() -> load("""
                  - { name: poison, type: data-corruption, target: kafka, at: 6s,
                      with: { kind: poison-messages, count: 20, queue: tasks } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageEndingWith("faults[0].target: data-corruption of kind poison-messages: no broker adapter"
                        + " recognizes service kafka (image example/kafka); set with.adapter to one of "
                        + String.join(", ", BrokerQueue.adapters().products()) + ", or add an adapter"
                        + " (dev.faultline.engine.spi.BrokerAdapter, registered in META-INF/services)");
    }

    @Test
    void aServiceThatIsNotABrokerIsAnErrorAtTheTarget() {
        assertThatThrownBy(() -> load("""
                  - { name: poison, type: data-corruption, target: worker, at: 6s,
                      with: { kind: poison-messages, count: 20, queue: tasks } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageEndingWith("faults[0].target: data-corruption of kind poison-messages puts messages on a"
                        + " broker's queue, and worker has role agent, not broker: target the broker that holds queue"
                        + " 'tasks'");
    }
}
