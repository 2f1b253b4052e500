package dev.faultline.cli;

import static dev.faultline.ScenarioBuilder.http;
import static dev.faultline.assertions.api.FaultlineAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

import dev.faultline.Faultline;
import dev.faultline.RunningScenario;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.timeline.FaultState;

/** A scenario written in Java, run in the background through the Java API and judged with the fluent assertions. */
class JavaApiIT {

    @AfterEach
    void noContainerIsLeftBehind() {
        org.assertj.core.api.Assertions.assertThat(Docker.faultlineContainers()).isEmpty();
    }

    @Test
    void aScenarioBuiltInJavaRunsAndIsJudgedSoftly() {
        Scenario scenario = Faultline.scenario("java-worker-crash")
                .description("worker-crash, written in Java")
                .topology(ShippedScenariosIT.ROOT.resolve("scenarios/topologies/support-desk.yaml"))
                .sampleEvery(ofMillis(100))
                .probe("api-ready", "orchestrator", 8080, "/ready", ofMillis(500))
                .probe("workers-up", "worker", 8080, "/health", ofMillis(500))
                .load("20/s", ofSeconds(20), http("orchestrator", 8080, "/tasks"),
                        http("orchestrator", 8080, "/results"), ofSeconds(30))
                .fault("kill-worker", "agent-crash", "worker[0]", ofSeconds(8), Map.of("signal", "KILL"))
                .objective("recovery", Map.of("within", "15s", "stable-for", "2s"))
                .build();

        RunResult result;
        try (RunningScenario run = Faultline.start(scenario)) {
            run.awaitFault("kill-worker", FaultState.VERIFIED, ofMinutes(2));
            result = run.result(ofMinutes(3));
        }

        assertThat(result).passed().recoveredWithin(ofSeconds(15)).lostNothing().noDuplicates()
                .containedTo("worker").stayedHealthy("orchestrator").stateAgreesWithLedger()
                .errorRateDuringFaultsBelow(0.05)
                .fault("kill-worker").detectedWithin(ofSeconds(2)).probe("workers-up").outageAtMost(ofSeconds(10))
                .and().assertAll();

        // the same result against bounds it cannot meet: every failure is reported at once
        assertThatThrownBy(() -> assertThat(result).recoveredWithin(ofMillis(1)).throughputAtLeast(1_000)
                .stayedHealthy("worker").assertAll())
                .isInstanceOf(MultipleFailuresError.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((MultipleFailuresError) e).getFailures())
                        .hasSize(3))
                .hasMessageContaining("recovery of kill-worker: expected <= 1ms")
                .hasMessageContaining("throughput: expected >= 1000/s")
                .hasMessageContaining("worker");
    }
}
