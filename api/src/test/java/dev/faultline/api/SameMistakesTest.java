package dev.faultline.api;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import dev.faultline.Faultline;
import dev.faultline.ScenarioBuilder;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Problem;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.injectors.Signal;

/** The same mistake made in a scenario file and in typed Java is reported with the same field path and message. */
class SameMistakesTest {
    private static final Path WORKER_CRASH = Path.of("../scenarios/worker-crash.yaml");

    /** scenarios/worker-crash.yaml with one edit, loaded as a file's text is. */
    private static List<Problem> yamlProblems(UnaryOperator<String> edit) throws IOException {
        String text = edit.apply(Files.readString(WORKER_CRASH));
        return catchThrowableOfType(InvalidScenarioException.class,
                () -> ScenarioLoader.standard().load(text, WORKER_CRASH)).problems();
    }

    /** worker-crash in typed Java, with {@code fault} as its fault and {@code recovery} as its recovery objective. */
    private static List<Problem> javaProblems(FaultDefinition fault, Recovery recovery) {
        ScenarioBuilder builder = Faultline.scenario("worker-crash")
                .topology(Path.of("../scenarios/topologies/support-desk.yaml"))
                .seed(7)
                .probe(Probes.http("api-ready", "orchestrator", 8080, "/ready").status(200).within(ofMillis(500)))
                .load(Load.ledger(Rate.perSecond(20), ofSeconds(22))
                        .submit("orchestrator", 8080, "/tasks").results("orchestrator", 8080, "/results"))
                .fault("kill-worker", fault)
                .objective(recovery);
        return catchThrowableOfType(InvalidScenarioException.class, builder::build).problems();
    }

    private static FaultDefinition killWorker0() {
        return Faults.agentCrash(Signal.KILL).on("worker[0]").at(ofSeconds(10));
    }

    private static Recovery recovery() {
        return Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3));
    }

    private static void assertSameProblems(List<Problem> java, List<Problem> yaml) {
        assertThat(java).isNotEmpty();
        assertThat(java).extracting(Problem::path, Problem::message)
                .containsExactlyElementsOf(yaml.stream().map(p -> Tuple.tuple(p.path(), p.message())).toList());
        assertThat(java).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("Faultline.scenario(worker-crash)");
            assertThat(p.hasPosition()).isFalse();
        });
    }

    @Test
    void aTargetNamingAMissingServiceIsReportedAlike() throws IOException {
        List<Problem> yaml = yamlProblems(t -> t.replace("target: worker[0]", "target: wroker[0]"));

        List<Problem> java = javaProblems(Faults.agentCrash(Signal.KILL).on(Targets.service("wroker").instance(0))
                .at(ofSeconds(10)), recovery());

        assertSameProblems(java, yaml);
        assertThat(java.get(0).path()).isEqualTo("faults[0].target");
    }

    @Test
    void aFaultAfterTheLoadIsReportedAlike() throws IOException {
        List<Problem> yaml = yamlProblems(t -> t.replace("at: 10s", "at: 45s"));

        List<Problem> java = javaProblems(killWorker0().at(ofSeconds(45)), recovery());

        assertSameProblems(java, yaml);
    }

    @Test
    void anUnknownFieldThroughTheEscapeHatchIsReportedAlike() throws IOException {
        List<Problem> yaml = yamlProblems(t -> t.replace("with: { signal: KILL }", "with: { signal: KILL, sginal: TERM }"));

        List<Problem> java = javaProblems(killWorker0().with("sginal", "TERM"), recovery());

        assertSameProblems(java, yaml);
        assertThat(java.get(0).path()).isEqualTo("faults[0].with.sginal");
    }

    @Test
    void anUnknownFaultTypeThroughTheEscapeHatchIsReportedAlike() throws IOException {
        List<Problem> yaml = yamlProblems(t -> t.replace("type: agent-crash\n", "type: agent-crsh\n")
                .replace("with: { signal: KILL }", "with: {}"));

        List<Problem> java = javaProblems(Faults.of("agent-crsh").on("worker[0]").at(ofSeconds(10)), recovery());

        assertSameProblems(java, yaml);
    }

    @Test
    void aNegativeDurationIsReportedAlike() throws IOException {
        List<Problem> yaml = yamlProblems(t -> t.replace("at: 10s", "at: -5s"));

        List<Problem> java = javaProblems(killWorker0().at(ofSeconds(-5)), recovery());

        assertSameProblems(java, yaml);
        assertThat(java.get(0).path()).isEqualTo("faults[0].at");
    }

    @Test
    void aRecoveryBoundOverTheDayCapIsReportedAlike() throws IOException {
        // a Java duration is shown as the format writes it (Durations.text: whole minutes at most), 25 h as 1500m
        List<Problem> yaml = yamlProblems(t -> t.replace("within: 15s", "within: 1500m"));

        List<Problem> java = javaProblems(killWorker0(), Objectives.recovery(ofHours(25)).stableFor(ofSeconds(3)));

        assertSameProblems(java, yaml);
        assertThat(java.get(0).message()).contains("at most 24h");
    }

    @Test
    void aRepeatWithoutCrashesIsReportedAlike() throws IOException {
        List<Problem> yaml = yamlProblems(t -> t.replace("with: { signal: KILL }",
                "with: { signal: KILL, repeat: { times: 0, every: 5s } }"));

        List<Problem> java = javaProblems(Faults.agentCrash(Signal.KILL, 0, ofSeconds(5)).on("worker[0]")
                .at(ofSeconds(10)), recovery());

        assertSameProblems(java, yaml);
    }

    @Test
    void aMissingFaultTimeIsReportedAlike() throws IOException {
        List<Problem> yaml = yamlProblems(t -> t.replace("    at: 10s\n", ""));

        List<Problem> java = javaProblems(Faults.agentCrash(Signal.KILL).on("worker[0]"), recovery());

        assertSameProblems(java, yaml);
    }
}
