package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Objective.Check;

class ContainmentObjectiveTest {
    private final ContainmentObjectiveType type = new ContainmentObjectiveType();

    private Objective configure(Object... keysAndValues) {
        return type.configure(MapParams.of("objectives.containment", keysAndValues), Runs.SUPPORT_DESK);
    }

    /** postgres goes away 1000..1800; worker-1 (depth 1) fails at 1300; recovered at 2100. */
    private static Runs postgresOutage() {
        return new Runs()
                .sample("probe:api", 0, true).sample("probe:api", 2_100, true).sample("probe:api", 3_000, true)
                .sample("health:postgres", 1_100, false).sample("health:postgres", 1_900, true)
                .sample("health:worker-1", 1_300, false).sample("health:worker-1", 2_000, true)
                .window("db-away", "postgres", 1_000, 1_800);
    }

    /** As {@link #postgresOutage()}, and the orchestrator's probe (depth 2) fails at 1500. */
    private static Runs postgresOutageReachingTheOrchestrator() {
        return postgresOutage().sample("probe:api", 1_500, false);
    }

    @Test
    void degradedServicesThatMayDegradeMeetTheObjective() {
        assertThat(Runs.evaluate(configure("may-degrade", List.of("worker")), postgresOutage().run()))
                .containsExactly(new Check("containment.may-degrade",
                        "nothing degraded beyond worker and the fault targets (postgres)",
                        "degraded: postgres, worker", true));
    }

    @Test
    void aDegradedServiceNotListedViolatesMayDegrade() {
        Check check = Runs.evaluate(configure("may-degrade", List.of("worker")),
                postgresOutageReachingTheOrchestrator().run()).get(0);

        assertThat(check.met()).isFalse();
        assertThat(check.actual()).isEqualTo("degraded: postgres, worker, orchestrator (not allowed: orchestrator)");
    }

    @Test
    void aServiceThatStayedHealthyMeetsMustStayHealthy() {
        assertThat(Runs.evaluate(configure("must-stay-healthy", List.of("orchestrator")), postgresOutage().run()))
                .containsExactly(new Check("containment.must-stay-healthy", "not degraded: orchestrator",
                        "none of them degraded", true));
    }

    @Test
    void aDegradedServiceViolatesMustStayHealthy() {
        assertThat(Runs.evaluate(configure("must-stay-healthy", List.of("orchestrator", "rabbitmq")),
                postgresOutageReachingTheOrchestrator().run()))
                .containsExactly(new Check("containment.must-stay-healthy", "not degraded: orchestrator, rabbitmq",
                        "degraded: orchestrator", false));
    }

    @Test
    void aCascadeWithinTheDepthMeetsTheObjective() {
        assertThat(Runs.evaluate(configure("max-cascade-depth", 1), postgresOutage().run()))
                .containsExactly(new Check("containment.max-cascade-depth", "<= 1", "1 (worker)", true));
    }

    @Test
    void aDeeperCascadeViolatesTheObjective() {
        assertThat(Runs.evaluate(configure("max-cascade-depth", 1), postgresOutageReachingTheOrchestrator().run()))
                .containsExactly(new Check("containment.max-cascade-depth", "<= 1", "2 (orchestrator)", false));
    }

    @Test
    void onlyTheGivenKeysAreChecked() {
        assertThat(Runs.evaluate(configure("max-cascade-depth", 3), postgresOutage().run())).extracting(Check::name)
                .containsExactly("containment.max-cascade-depth");
    }

    @Test
    void servicesMustBeInTheTopology() {
        assertThatThrownBy(() -> configure("may-degrade", List.of("wroker")))
                .hasMessage("objectives.containment.may-degrade: no service 'wroker' in topology support-desk; "
                        + "services: rabbitmq, postgres, worker, orchestrator");
    }

    @Test
    void aServiceCannotBothMayDegradeAndHaveToStayHealthy() {
        assertThatThrownBy(() -> configure("may-degrade", List.of("worker"), "must-stay-healthy", List.of("worker")))
                .hasMessageStartingWith("objectives.containment.must-stay-healthy: 'worker' is also listed in "
                        + "may-degrade");
    }
}
