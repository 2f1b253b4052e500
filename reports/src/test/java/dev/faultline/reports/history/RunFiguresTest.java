package dev.faultline.reports.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.reports.Fixtures;
import dev.faultline.reports.saved.SavedRun;

class RunFiguresTest {
    private static final Instant T = Instant.parse("2026-11-03T09:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void aRealSavedRunGivesItsSlowestRecoveryRpoLostDuplicatedAndP99() throws Exception {
        SavedRun run = SavedRun.read(Fixtures.copyRun("worker-crash", tmp));

        assertThat(RunFigures.of(run)).containsExactlyInAnyOrderEntriesOf(Map.of(TrendFigure.RTO, 2984L,
                TrendFigure.RPO, 0L, TrendFigure.LOST, 0L, TrendFigure.DUPLICATED, 0L, TrendFigure.P99_LATENCY, 40L));
    }

    @Test
    void theRtosBoundIsThatOfTheSlowestFaultsRecovery() throws Exception {
        SavedRun run = withFaults(tmp.resolve("two"), fault(3_000, 40L), fault(5_000, 12L));

        assertThat(RunFigures.of(run, TrendFigure.RTO)).isEqualTo(5_000L);
        assertThat(RunFigures.boundOf(run, TrendFigure.RTO)).isEqualTo(12L);
    }

    @Test
    void ofTwoFaultsAsSlowTheRtosBoundIsTheWiderOne() throws Exception {
        SavedRun run = withFaults(tmp.resolve("tie"), fault(5_000, 12L), fault(5_000, 30L), fault(5_000, null));

        assertThat(RunFigures.boundOf(run, TrendFigure.RTO)).isEqualTo(30L);
    }

    @Test
    void aRunSavedBeforeBoundsWereKeptAndFiguresWithoutBoundsHaveNone() throws Exception {
        SavedRun old = SavedRun.read(Fixtures.copyRun("worker-crash", tmp));
        SavedRun never = Runs.run(tmp.resolve("never"), "worker-crash", T, null);

        assertThat(RunFigures.boundOf(old, TrendFigure.RTO)).isNull();
        assertThat(RunFigures.boundOf(never, TrendFigure.RTO)).isNull();
        assertThat(RunFigures.boundOf(withFaults(tmp.resolve("b"), fault(5_000, 12L)), TrendFigure.RPO)).isNull();
    }

    @Test
    void aFaultThatNeverRecoveredLeavesTheRunWithoutRto() {
        SavedRun run = Runs.run(tmp.resolve("never"), "worker-crash", T, null);

        assertThat(RunFigures.of(run)).doesNotContainKey(TrendFigure.RTO).containsEntry(TrendFigure.LOST, 0L);
        assertThat(RunFigures.neverRecovered(run)).isTrue();
    }

    @Test
    void aRunStoppedBeforeItsDrainHasNoRpoLostOrDuplicated() {
        SavedRun run = Runs.run(tmp.resolve("undrained"), "worker-crash", T, "ERROR", 1200L, null, null);

        assertThat(RunFigures.of(run)).containsOnlyKeys(TrendFigure.RTO);
    }

    private static String fault(long recoveryMs, Long boundMs) {
        return "{\"name\": \"f" + recoveryMs + "\", \"injectedAtMs\": 1000, \"recoveryMs\": " + recoveryMs
                + ", \"recoveryBoundMs\": " + boundMs + ", \"recovered\": true}";
    }

    private static SavedRun withFaults(Path dir, String... faults) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve(SavedRun.RESULT), "{\"scenario\": \"s\", \"verdict\": \"PASSED\","
                + " \"faults\": [" + String.join(", ", faults) + "], \"objectives\": [], \"integrity\": {\"rpoMs\": 0,"
                + " \"drained\": true}, \"load\": {}}");
        return SavedRun.read(dir);
    }
}
