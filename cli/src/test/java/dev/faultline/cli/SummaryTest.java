package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.measure.ContainmentMeasure;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.LoadMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.measure.SamplingMeasure;
import dev.faultline.engine.measure.StateMeasure;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.yaml.ScenarioLoader;

/** The table {@code faultline run} prints at its end: each run's slowest detection and recovery with its bound. */
class SummaryTest {
    private static final String SCENARIO = """
            scenario: two-faults
            topology: topologies/support-desk.yaml
            steady-state:
              probes:
                - name: api-ready
                  http: { service: orchestrator, port: 8080, path: /ready }
            faults:
              - { name: kill-worker, type: agent-crash, target: "worker[0]", at: 10s }
              - { name: slow-store, type: network, target: worker->postgres, at: 15s, duration: 10s,
                  with: { latency: 300ms } }
            """;

    @Test
    void theSlowestDetectionAndRecoveryAreShownWithTheirBounds() {
        // given kill-worker detected in 80ms ± 12ms, recovered in 3.28s ± 9ms; slow-store 1.2s ± 40ms and 900ms ± 5ms
        RunResult run = run(fault("kill-worker", 80L, 12L, 3_280L, 9L), fault("slow-store", 1_200L, 40L, 900L, 5L));

        // when
        String table = Summary.table(List.of(run));

        // then
        assertThat(table).contains("1.2s \u00b1 40ms", "3.28s \u00b1 9ms").doesNotContain("80ms", "900ms");
    }

    @Test
    void aFigureWithoutABoundIsShownAlone() {
        RunResult run = run(fault("kill-worker", 80L, null, 3_280L, null), fault("slow-store", 40L, 3L, 900L, 5L));

        String table = Summary.table(List.of(run));

        assertThat(row(table)).containsSubsequence("two-faults", "PASSED", "80ms", "3.28s", "0", "0", "0s");
        assertThat(table).doesNotContain("\u00b1");
    }

    @Test
    void ofTwoFiguresAsSlowTheWiderBoundIsShown() {
        RunResult run = run(fault("kill-worker", 80L, 12L, 900L, 5L), fault("slow-store", 80L, 30L, 900L, 20L));

        assertThat(Summary.table(List.of(run))).contains("80ms \u00b1 30ms", "900ms \u00b1 20ms");
    }

    @Test
    void theColumnsStayAlignedWithBounds() {
        RunResult run = run(fault("kill-worker", 80L, 12L, 13_280L, 140L), fault("slow-store", 1_200L, 40L, 900L, 5L));

        List<String> lines = Summary.table(List.of(run)).lines().toList();

        assertThat(lines.get(1).indexOf("13.28s \u00b1 140ms") + "13.28s \u00b1 140ms".length())
                .isEqualTo(lines.get(0).indexOf("RECOVERY") + "RECOVERY".length());
    }

    // ---- fixtures

    private static List<String> row(String table) {
        return List.of(table.lines().toList().get(1).trim().split("\\s+"));
    }

    private static FaultMeasure fault(String name, Long detectMs, Long detectBoundMs, Long recoveryMs,
                                      Long recoveryBoundMs) {
        return new FaultMeasure(name, "agent-crash", "worker[0]", true, 10_000, 10_000, detectMs, recoveryMs, true,
                10_000 + recoveryMs, 2_000L, Map.of(), null, detectBoundMs, recoveryBoundMs, 30L);
    }

    private static RunResult run(FaultMeasure... faults) {
        Scenario scenario = ScenarioLoader.standard().load(SCENARIO,
                ResultSchema.ROOT.resolve("scenarios/two-faults.yaml"));
        List<FaultWindow> windows = new ArrayList<>();
        for (int i = 0; i < faults.length; i++) {
            windows.add(new FaultWindow(scenario.faults().get(i), List.of("worker-0"), 10_000, 10_000, 10_000,
                    i == 0, null));
        }
        RunRecord record = new RunRecord(scenario, "two-faults-r1", Instant.parse("2026-01-01T10:00:00Z"),
                new Timeline(), new Ledger(), windows, Map.of("worker", List.of("worker-0")), -1, -1, -1);
        Measurements measurements = new Measurements(List.of(faults),
                new IntegrityMeasure(0, 0, 0, 0, 0, 0, null, List.of(), List.of()),
                new ContainmentMeasure(List.of(), null, List.of(), -1, -1, List.of()),
                new LoadMeasure(0, 0, 0.0, null, null, null, 0.0), null, new StateMeasure(List.of()), null,
                new SamplingMeasure(0, 0, -1), List.of());
        return new RunResult(record, measurements, List.of(), Verdict.PASSED, "every objective met",
                Instant.parse("2026-01-01T10:01:00Z"), Path.of("unused"));
    }
}
