package dev.faultline;

import static dev.faultline.ScenarioBuilder.http;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Problem;

class ScenarioBuilderTest {
    private static final Path SUPPORT_DESK = Path.of("../scenarios/topologies/support-desk.yaml");

    /** scenarios/worker-crash.yaml, written in Java. */
    private static ScenarioBuilder workerCrash() {
        return Faultline.scenario("worker-crash")
                .description("A worker is killed mid-task; its unacknowledged tasks are redelivered, nothing is lost "
                        + "or done twice.")
                .topology(SUPPORT_DESK)
                .seed(7)
                .sampleEvery(ofMillis(100))
                .probe("api-ready", "orchestrator", 8080, "/ready", 200, ofMillis(500))
                .probe("workers-up", "worker", 8080, "/health", 200, ofMillis(500))
                .load("20/s", ofSeconds(22), http("orchestrator", 8080, "/tasks"),
                        http("orchestrator", 8080, "/results"), ofSeconds(30))
                .fault("kill-worker", "agent-crash", "worker[0]", ofSeconds(10), Map.of("signal", "KILL"))
                .objective("recovery", Map.of("within", ofSeconds(15), "stable-for", ofSeconds(3)))
                .objective("integrity", Map.of("lost", 0, "duplicated", 0, "rpo", Duration.ZERO))
                .objective("containment", Map.of("may-degrade", List.of("worker"),
                        "must-stay-healthy", List.of("orchestrator")))
                .objective("slo", inOrder("error-rate", "< 1%", "p99-latency", "< 1s", "throughput", ">= 18/s",
                        "during-faults", inOrder("error-rate", "< 1%", "p99-latency", "< 1s")));
    }

    /** A map in the order given: the SLO's bounds are listed in the order of its fields, as in the file. */
    private static Map<String, Object> inOrder(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void theBuilderMakesTheScenarioTheYamlFileMakes() {
        Scenario fromYaml = Faultline.load(Path.of("../scenarios/worker-crash.yaml"));

        Scenario built = workerCrash().build();

        assertThat(built).usingRecursiveComparison().ignoringFields("source").isEqualTo(fromYaml);
        assertThat(built.faults().get(0).fault().describe()).isEqualTo(fromYaml.faults().get(0).fault().describe());
    }

    @Test
    void theBuiltScenarioIsNamedAfterTheBuilderCall() {
        assertThat(workerCrash().build().source()).isEqualTo(Path.of("Faultline.scenario(worker-crash)"));
    }

    @Test
    void anUnknownFaultTypeNamesTheFieldPathAndTheKnownTypes() {
        ScenarioBuilder builder = workerCrash()
                .fault("freeze", "agent-hnag", "worker[1]", ofSeconds(12), ofSeconds(5), null);

        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, builder::build);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("faults[1].type");
            assertThat(p.message()).startsWith("unknown fault type 'agent-hnag'").contains("agent-hang");
        });
        assertThat(e.getMessage()).startsWith("Faultline.scenario(worker-crash) faults[1].type: unknown fault type");
    }

    @Test
    void aNegativeDurationNamesTheFieldPathAndWhatWasFound() {
        ScenarioBuilder builder = workerCrash().fault("late", "agent-crash", "worker[1]", ofSeconds(-5), null);

        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, builder::build);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("faults[1].at");
            assertThat(p.message()).contains("expected a duration").contains("'-5s'");
        });
    }

    @Test
    void sharpeningIsSetOrSwitchedOff() {
        assertThat(workerCrash().sharpen(ofMillis(10)).build().sharpen()).isEqualTo(ofMillis(10));
        assertThat(workerCrash().noSharpening().build().sharpens()).isFalse();
        assertThat(workerCrash().build().sharpen()).isEqualTo(Scenario.DEFAULT_SHARPEN);
    }

    @Test
    void problemsInTheGeneratedTextCarryNoLineOrColumn() {
        ScenarioBuilder builder = workerCrash().sampleEvery(Duration.ZERO);

        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, builder::build);

        assertThat(e.problems()).extracting(Problem::path, Problem::hasPosition)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("steady-state.sample-every", false));
    }

    @Test
    void aProblemInTheTopologyFileKeepsItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path topology = dir.resolve("broken.yaml");
        Files.writeString(topology, "topology: broken\nservices:\n  worker: { image: faultline/agent, role: wizard }\n");

        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
                () -> Faultline.scenario("on-broken").topology(topology).build());

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(topology.toAbsolutePath().normalize().toString());
            assertThat(p.path()).isEqualTo("services.worker.role");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void aScenarioWithoutTopologyIsRefusedByTheLoader() {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
                () -> Faultline.scenario("no-topology").build());

        assertThat(e.problems()).extracting(Problem::path).containsExactly("topology");
    }

    @Test
    void anObjectiveSectionGivenTwiceIsRefusedAtOnce() {
        ScenarioBuilder builder = workerCrash();

        assertThatThrownBy(() -> builder.objective("recovery", Map.of("within", ofSeconds(20))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("objective 'recovery' is already set to ");
    }

    @Test
    void toYamlWritesTheDocumentTheLoaderChecks() {
        String yaml = Faultline.scenario("tiny").topology(SUPPORT_DESK).sampleEvery(ofMillis(250))
                .haltWhen("api-ready", ofSeconds(30)).toYaml();

        assertThat(yaml).isEqualTo("""
                scenario: "tiny"
                topology: "%s"
                steady-state:
                  sample-every: "250ms"
                halt-when:
                - probe: "api-ready"
                  failing-for: "30s"
                """.formatted(SUPPORT_DESK.toAbsolutePath().normalize()));
    }
}
