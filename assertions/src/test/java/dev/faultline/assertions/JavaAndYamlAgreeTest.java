package dev.faultline.assertions;

import static dev.faultline.assertions.api.FaultlineAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.faultline.assertions.api.ResultAssert;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.RunRecord;

/**
 * The fluent Java assertion and the YAML objective that say the same thing give the same verdict on the same
 * recorded run. The run is judged as the runner judges it: the objective is the scenario's, the figures are measured
 * once with the scenario's stable-for, and the Java assertion reads the same figures.
 */
class JavaAndYamlAgreeTest {

    /** postgres away 1000..1800: postgres (a fault target) and worker fail; the probe passes until 6000. */
    private static Runs postgresOutage() {
        Runs run = new Runs().window("db-away", "postgres", 1_000, 1_800)
                .sample("health:postgres", 1_100, false).sample("health:postgres", 1_900, true)
                .sample("health:worker-1", 1_300, false).sample("health:worker-1", 2_000, true);
        for (long t = 0; t <= 6_000; t += 500) {
            run.sample("probe:api", t, true);
        }
        return run;
    }

    /** As {@link #postgresOutage()}, and the orchestrator's probe (cascade depth 2) fails once at 1500. */
    private static Runs postgresOutageReachingTheOrchestrator() {
        return postgresOutage().sample("probe:api", 1_500, false);
    }

    /** The probe fails 300..500 after a crash at 250 and passes from 600 to 4500: recovery 350ms. */
    private static Runs crashRecoveredAfter350ms() {
        return new Runs().api("+++---" + "+".repeat(40)).crash("kill-worker", "worker-0", 250);
    }

    /** A crash at 5000 and ten items done before it, plus {@code more}. */
    private static Runs crashWithItems(Consumer<Runs> more) {
        Runs run = new Runs().api("++++++++").crash("kill-worker", "worker-0", 5_000).items("ok", 10, 1_000, 20, 202, 1);
        more.accept(run);
        return run;
    }

    /** 200 items in 10 s: 190 answered in 40ms, 8 in 850ms, 2 refused after 3s (1% errors, p99 850ms, 19.8/s). */
    private static Runs tenSecondsOfLoad() {
        return new Runs().load(0, 10_000)
                .items("fast", 190, 1_000, 40, 202, 1)
                .items("slow", 8, 2_000, 850, 202, 1)
                .items("refused", 2, 5_000, 3_000, 503, 0);
    }

    static Stream<Arguments> sameExpectation() {
        ObjectiveType containment = new ContainmentObjectiveType();
        ObjectiveType recovery = new RecoveryObjectiveType();
        ObjectiveType integrity = new IntegrityObjectiveType();
        ObjectiveType slo = new SloObjectiveType();
        return Stream.of(
                // containment: a degraded fault target is allowed by both forms
                Arguments.of("may-degrade, target degraded", containment, Map.of("may-degrade", List.of("worker")),
                        java(a -> a.containedTo("worker")), run(JavaAndYamlAgreeTest::postgresOutage), true),
                Arguments.of("may-degrade, cascade beyond", containment, Map.of("may-degrade", List.of("worker")),
                        java(a -> a.containedTo("worker")),
                        run(JavaAndYamlAgreeTest::postgresOutageReachingTheOrchestrator), false),
                Arguments.of("must-stay-healthy, healthy", containment,
                        Map.of("must-stay-healthy", List.of("orchestrator")),
                        java(a -> a.stayedHealthy("orchestrator")), run(JavaAndYamlAgreeTest::postgresOutage), true),
                Arguments.of("must-stay-healthy, degraded", containment,
                        Map.of("must-stay-healthy", List.of("orchestrator")),
                        java(a -> a.stayedHealthy("orchestrator")),
                        run(JavaAndYamlAgreeTest::postgresOutageReachingTheOrchestrator), false),
                Arguments.of("max-cascade-depth, within", containment, Map.of("max-cascade-depth", 1),
                        java(a -> a.cascadeDepthAtMost(1)), run(JavaAndYamlAgreeTest::postgresOutage), true),
                Arguments.of("max-cascade-depth, deeper", containment, Map.of("max-cascade-depth", 1),
                        java(a -> a.cascadeDepthAtMost(1)),
                        run(JavaAndYamlAgreeTest::postgresOutageReachingTheOrchestrator), false),
                // recovery
                Arguments.of("recovery, in time", recovery, Map.of("within", "1s", "stable-for", "1s"),
                        java(a -> a.recoveredWithin(ofSeconds(1))),
                        run(JavaAndYamlAgreeTest::crashRecoveredAfter350ms), true),
                Arguments.of("recovery, too late", recovery, Map.of("within", "200ms", "stable-for", "1s"),
                        java(a -> a.recoveredWithin(ofMillis(200))),
                        run(JavaAndYamlAgreeTest::crashRecoveredAfter350ms), false),
                Arguments.of("recovery, stable-for longer than the run", recovery, Map.of("within", "1s"),
                        java(a -> a.recoveredWithin(ofSeconds(1))),
                        run(() -> new Runs().api("+++---" + "+".repeat(20)).crash("kill-worker", "worker-0", 250)),
                        false),
                // integrity
                Arguments.of("integrity, nothing lost", integrity, Map.of("lost", 0, "duplicated", 0, "rpo", "0s"),
                        java(a -> a.lostNothing().noDuplicates().rpoAtMost(ofSeconds(0))),
                        run(() -> crashWithItems(r -> { })), true),
                Arguments.of("integrity, items lost", integrity, Map.of("lost", 0, "duplicated", 0),
                        java(a -> a.lostNothing().noDuplicates()),
                        run(() -> crashWithItems(r -> r.items("gone", 2, 4_000, 20, 202, 0))), false),
                Arguments.of("integrity, lost within the bound", integrity, Map.of("lost", 2, "rpo", "1s"),
                        java(a -> a.lostAtMost(2).noDuplicates().rpoAtMost(ofSeconds(1))),
                        run(() -> crashWithItems(r -> r.items("gone", 2, 4_000, 20, 202, 0))), true),
                Arguments.of("integrity, rpo exceeded", integrity, Map.of("lost", 2, "rpo", "500ms"),
                        java(a -> a.lostAtMost(2).noDuplicates().rpoAtMost(ofMillis(500))),
                        run(() -> crashWithItems(r -> r.items("gone", 2, 4_000, 20, 202, 0))), false),
                Arguments.of("integrity, duplicated", integrity, Map.of(),
                        java(a -> a.lostNothing().noDuplicates()),
                        run(() -> crashWithItems(r -> r.items("twice", 1, 2_000, 20, 202, 2))), false),
                // slo
                Arguments.of("slo, within every bound", slo,
                        Map.of("error-rate", "< 5%", "p99-latency", "< 2s", "throughput", ">= 15/s"),
                        java(a -> a.errorRateBelow(0.05).p99LatencyBelow(ofSeconds(2)).throughputAtLeast(15)),
                        run(JavaAndYamlAgreeTest::tenSecondsOfLoad), true),
                Arguments.of("slo, error rate", slo, Map.of("error-rate", "< 0.5%"),
                        java(a -> a.errorRateBelow(0.005)), run(JavaAndYamlAgreeTest::tenSecondsOfLoad), false),
                Arguments.of("slo, p99 latency", slo, Map.of("p99-latency", "< 850ms"),
                        java(a -> a.p99LatencyBelow(ofMillis(850))), run(JavaAndYamlAgreeTest::tenSecondsOfLoad),
                        false),
                Arguments.of("slo, throughput", slo, Map.of("throughput", ">= 20/s"),
                        java(a -> a.throughputAtLeast(20)), run(JavaAndYamlAgreeTest::tenSecondsOfLoad), false),
                Arguments.of("slo, nothing sent", slo, Map.of("error-rate", "< 5%"),
                        java(a -> a.errorRateBelow(0.05)), run(Runs::new), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameExpectation")
    void theJavaAssertionAndTheYamlObjectiveGiveTheSameVerdict(String name, ObjectiveType type,
                                                               Map<String, Object> section,
                                                               Consumer<ResultAssert> javaForm, Supplier<Runs> runs,
                                                               boolean met) {
        Objective yamlForm = type.configure(MapParams.of("objectives." + type.key(), flatten(section)),
                Runs.SUPPORT_DESK);
        RunRecord record = runs.get().objective(yamlForm).run();
        Measurements figures = Measurements.of(record, StabilityRequirement.resolve(record.scenario()));
        List<Objective.Check> checks = yamlForm.evaluate(record, figures);
        boolean yamlMet = checks.stream().allMatch(Objective.Check::met);
        RunResult result = new RunResult(record, figures, checks, yamlMet ? Verdict.PASSED : Verdict.FAILED,
                "judged by the test", Instant.EPOCH, Path.of("target"));

        ResultAssert assertion = assertThat(result);
        javaForm.accept(assertion);
        boolean javaMet = assertion.failures().isEmpty();

        assertThat(List.of(yamlMet, javaMet)).as("YAML checks %s, Java failures %s", checks, assertion.failures())
                .containsExactly(met, met);
    }

    private static Consumer<ResultAssert> java(Consumer<ResultAssert> expectations) {
        return expectations;
    }

    private static Supplier<Runs> run(Supplier<Runs> run) {
        return run;
    }

    private static Object[] flatten(Map<String, Object> section) {
        return section.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray();
    }
}
