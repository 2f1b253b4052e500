package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Plugins;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.injectors.adapters.TinyMqAdapter;

/**
 * A user's broker adapter ({@link TinyMqAdapter}, listed in this module's test resources under
 * {@code META-INF/services}) is found through the ServiceLoader like the shipped one, chosen when it recognizes the
 * target broker or when a fault names it, and a run of the fault calls it.
 */
class BrokerAdapterDiscoveryTest {
    private static final String TOPOLOGY = """
            topology:
              topology: desk
              services:
                rabbitmq: { image: faultline/rabbitmq, role: broker, ports: [5672] }
                tiny:     { image: example/tinymq:1.0, role: broker, ports: [7000] }
                plain:    { image: example/broker, role: broker, ports: [7000] }
                worker:   { image: faultline/agent, role: agent }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void forgetCalls() {
        synchronized (TinyMqAdapter.CALLS) {
            TinyMqAdapter.CALLS.clear();
        }
        TinyMqAdapter.copiesDelivered = 0;
    }

    @Test
    void aUsersAdapterIsFoundBesideTheShippedOne() {
        List<String> products = BrokerQueue.adapters().products();

        assertThat(products).contains("rabbitmq", "tinymq");
    }

    @Test
    void theAdapterThatRecognizesTheBrokerIsCalledByARun() throws Exception {
        FaultSpec spec = load("""
                  - { name: poison, type: data-corruption, target: tiny, at: 1s,
                      with: { kind: poison-messages, count: 7, queue: jobs, user: alice } }
                """);
        Fault.Handle run = spec.fault().handle(context(spec, "tiny"));

        run.apply();
        Fault.Verification verification = run.verify();
        run.revert();

        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
        assertThat(TinyMqAdapter.CALLS).containsExactly("open tiny as alice", "publish jobs 7 poison", "close tiny");
    }

    @Test
    void anAdapterNamedByTheFaultIsChosenForABrokerNoAdapterRecognizes() throws Exception {
        FaultSpec spec = load("""
                  - { name: twice, type: data-corruption, target: plain, at: 1s, duration: 5s,
                      with: { kind: duplicate-delivery, rate: 10%, queue: jobs, adapter: tinymq } }
                """);
        Fault.Handle run = spec.fault().handle(context(spec, "plain"));
        TinyMqAdapter.copiesDelivered = 1;

        run.apply();
        Fault.Verification verification = run.verify();
        run.revert();

        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
        assertThat(TinyMqAdapter.CALLS).containsExactly("open plain as (default)", "duplicate jobs twice",
                "close plain");
    }

    @Test
    void aDuplicationIsNotVerifiedUntilTheAdapterSawACopyDelivered() throws Exception {
        FaultSpec spec = load("""
                  - { name: twice, type: data-corruption, target: tiny, at: 1s, duration: 5s,
                      with: { kind: duplicate-delivery, rate: 10%, queue: jobs } }
                """);
        Fault.Handle run = spec.fault().handle(context(spec, "tiny"));

        run.apply();

        Fault.Verification verification = run.verify();
        assertThat(verification.tookEffect()).isFalse();
        assertThat(verification.detail()).isEqualTo("1 of 10 deliveries to consumers of queue 'jobs' copied, 0 copies"
                + " delivered to a consumer (no consumer has received a duplicate yet)");
    }

    @Test
    void startingARunDoesNotCallTheAdapter() throws Exception {
        FaultSpec spec = load("""
                  - { name: poison, type: data-corruption, target: tiny, at: 1s,
                      with: { kind: poison-messages, count: 7, queue: jobs } }
                """);

        spec.fault().handle(context(spec, "tiny"));

        assertThat(TinyMqAdapter.CALLS).isEmpty();
    }

    @Test
    void theChosenAdaptersOwnRequirementsAreCheckedAtLoad() {
        assertThatThrownBy(() -> load("""
                  - { name: poison, type: data-corruption, target: rabbitmq, at: 1s,
                      with: { kind: poison-messages, count: 7, queue: jobs, adapter: tinymq } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageEndingWith("faults[0].target: data-corruption of kind poison-messages: TinyMQ listens on"
                        + " 7000, which rabbitmq does not publish");
    }

    private FaultSpec load(String faults) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, "scenario: s\n" + TOPOLOGY + "faults:\n" + faults);
        Scenario scenario = ScenarioLoader.withPlugins(Plugins.of(List.of(new DataCorruptionType()), List.of()))
                .load(file);
        services = scenario.topology().services();
        return scenario.faults().get(0);
    }

    private java.util.Map<String, ServiceSpec> services;

    private FaultContext context(FaultSpec spec, String instance) {
        return FakeFaultContext.of(spec, List.of(instance), new FakeContainers(instance))
                .withService(services.get(instance));
    }
}
