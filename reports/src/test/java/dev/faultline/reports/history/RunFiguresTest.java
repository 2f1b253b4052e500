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
}
