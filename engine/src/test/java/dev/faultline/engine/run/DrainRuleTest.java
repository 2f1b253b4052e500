package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.HealthCheck;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/** {@link DrainRule} over rounds of state answers: when the system provably holds no more work. */
class DrainRuleTest {
    private static final HealthCheck STATE = new HealthCheck("/state", 8080);
    private static final String EMPTY_ORCHESTRATOR = "{\"ledger\":{\"accepted\":9,\"pending\":0,\"queued\":0}}";
    private static final String EMPTY_WORKER = "{\"ledger\":{\"pending\":0}}";

    private static ServiceSpec service(String name, Role role, int replicas, HealthCheck state) {
        return new ServiceSpec(name, "image", role, replicas, Map.of(), List.of(8080), null, List.of(), null, null,
                state);
    }

    /** The reference system: a broker, a store, an orchestrator and two workers, both agents with state. */
    private static Topology supportDesk() {
        return topology(service("worker", Role.AGENT, 2, STATE));
    }

    private static Topology topology(ServiceSpec worker) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("rabbitmq", service("rabbitmq", Role.BROKER, 1, null));
        services.put("postgres", service("postgres", Role.STORE, 1, null));
        services.put("orchestrator", service("orchestrator", Role.AGENT, 1, STATE));
        services.put("worker", worker);
        return new Topology("support-desk", services, List.of());
    }

    /** One round: every instance answers with the given body, or fails when the body is null. */
    private static List<StateReader.Answer> round(long t, Map<String, String> bodies) {
        List<StateReader.Answer> answers = new ArrayList<>();
        for (Entry<String, String> e : bodies.entrySet()) {
            answers.add(e.getValue() == null ? StateReader.Answer.failed(t, e.getKey(), "timed out")
                    : StateReader.parse(t, e.getKey(), e.getValue()));
        }
        return answers;
    }

    private static Map<String, String> empty() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("orchestrator", EMPTY_ORCHESTRATOR);
        bodies.put("worker-0", EMPTY_WORKER);
        bodies.put("worker-1", EMPTY_WORKER);
        return bodies;
    }

    private static Map<String, String> with(String instance, String body) {
        Map<String, String> bodies = empty();
        bodies.put(instance, body);
        return bodies;
    }

    @Test
    void nothingHeldInEveryRoundForTheSettlingPeriodEndsTheDrain() {
        DrainRule rule = new DrainRule(supportDesk(), Duration.ofSeconds(5));
        List<Boolean> decided = new ArrayList<>();

        for (long t = 10_000; t <= 15_000; t += 1_000) {
            decided.add(rule.observe(t, round(t, empty())));
        }

        assertThat(decided).containsExactly(false, false, false, false, false, true);
        assertThat(rule.idleSince()).isEqualTo(10_000);
    }

    @Test
    void aRoundWithWorkPendingStartsTheSettlingPeriodAgain() {
        DrainRule rule = new DrainRule(supportDesk(), Duration.ofSeconds(5));
        for (long t = 0; t <= 4_000; t += 1_000) {
            rule.observe(t, round(t, empty()));
        }
        List<Boolean> decided = new ArrayList<>();

        decided.add(rule.observe(4_500, round(4_500, with("worker-1", "{\"ledger\":{\"pending\":1}}"))));
        for (long t = 5_000; t <= 10_000; t += 1_000) {
            decided.add(rule.observe(t, round(t, empty())));
        }

        assertThat(decided).containsExactly(false, false, false, false, false, false, true);
        assertThat(rule.idleSince()).isEqualTo(5_000);
    }

    @Test
    void anUnreadableInstanceStartsTheSettlingPeriodAgain() {
        DrainRule rule = new DrainRule(supportDesk(), Duration.ofSeconds(5));
        rule.observe(0, round(0, empty()));
        rule.observe(3_000, round(3_000, with("worker-0", null))); // crashed, frozen or restarting

        boolean decided = rule.observe(5_000, round(5_000, empty()));

        assertThat(decided).isFalse();
        assertThat(rule.idleSince()).isEqualTo(5_000);
    }

    @Test
    void messagesReadyAtTheBrokerAreHeldWork() {
        List<String> held = DrainRule.held(supportDesk(),
                round(0, with("orchestrator", "{\"ledger\":{\"pending\":0,\"queued\":4}}")));

        assertThat(held).containsExactly("orchestrator: queued 4");
    }

    @Test
    void aQueueDepthTheAgentCannotTellIsHeldWork() {
        List<String> held = DrainRule.held(supportDesk(),
                round(0, with("orchestrator", "{\"ledger\":{\"pending\":0,\"queued\":null}}")));

        assertThat(held).containsExactly("orchestrator: queued null");
    }

    @Test
    void aTopologyWithABrokerHoldsWorkUntilSomeStateCountsItsQueue() {
        List<String> held = DrainRule.held(supportDesk(),
                round(0, with("orchestrator", "{\"ledger\":{\"pending\":0}}")));

        assertThat(held).containsExactly("broker: no state reports its queue (queued)");
    }

    @Test
    void anInstanceThatWasNotAskedIsHeldWork() {
        Map<String, String> bodies = empty();
        bodies.remove("worker-1");

        List<String> held = DrainRule.held(supportDesk(), round(0, bodies));

        assertThat(held).containsExactly("worker-1: not asked");
    }

    @Test
    void anInstanceAScaleDownRetiredIsNotAskedAndHoldsNothing() {
        Map<String, String> bodies = empty();
        bodies.remove("worker-1");

        List<String> held = DrainRule.held(supportDesk(), round(0, bodies), "worker-1"::equals);

        assertThat(held).isEmpty();
    }

    @Test
    void anAgentWithoutAStateEndpointNeverShowsTheSystemEmpty() {
        Topology topology = topology(service("worker", Role.AGENT, 2, null));
        Map<String, String> bodies = empty();
        bodies.remove("worker-0");
        bodies.remove("worker-1");

        List<String> held = DrainRule.held(topology, round(0, bodies));

        assertThat(held).containsExactly("worker: no state endpoint, so its work cannot be seen");
    }

    @Test
    void aTopologyWithoutAnyStateEndpointKeepsTheDrainAsItWas() {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("orchestrator", service("orchestrator", Role.AGENT, 1, null));

        boolean applies = new DrainRule(new Topology("plain", services, List.of()), DrainRule.SETTLE).applies();

        assertThat(applies).isFalse();
    }
}
