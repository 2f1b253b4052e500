package dev.faultline.reports.saved;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.Fixtures;
import dev.faultline.reports.html.HandMadeRun;

/**
 * A saved run reads back each time figure's bound, the halt's and the probe counts of its sampling; a run saved
 * before bounds were kept reads back with none (null), never with a made-up 0.
 */
class SavedBoundsTest {
    @TempDir
    Path dir;

    @Test
    void eachFiguresBoundReadsBackBesideIt() throws IOException {
        SavedFault fault = SavedRun.read(HandMadeRun.write(dir.resolve("run"))).faults().get(0);

        assertThat(new Long[] {fault.timeToDetectMs(), fault.timeToDetectBoundMs(), fault.recoveryMs(),
            fault.recoveryBoundMs(), fault.outageMs(), fault.outageBoundMs()})
                .containsExactly(300L, 20L, 4_000L, 150L, 3_700L, 170L);
        assertThat(fault.probes().get("probe:api-up"))
                .isEqualTo(new SavedFault.Probe(1_000L, 20L, 3_000L, 150L, true, 2_000L, 170L));
    }

    @Test
    void theSamplingsProbeCountsReadBack() throws IOException {
        SavedRun run = SavedRun.read(HandMadeRun.write(dir.resolve("run")));

        assertThat(run.sampling()).isEqualTo(new SavedSampling(1_000, 0, 0, 19L, 12L, 0.67));
        assertThat(run.halt()).isNull();
    }

    @Test
    void aRunSavedBeforeBoundsWereKeptReadsBackWithoutAny() throws IOException {
        SavedRun old = SavedRun.read(Fixtures.copyRun("worker-crash", dir));

        SavedFault fault = old.faults().get(0);
        assertThat(fault.recoveryMs()).isEqualTo(2_984L);
        assertThat(new Long[] {fault.timeToDetectBoundMs(), fault.recoveryBoundMs(), fault.outageBoundMs()})
                .containsOnlyNulls();
        assertThat(fault.probes().get("probe:workers-up"))
                .isEqualTo(new SavedFault.Probe(59L, null, 2_984L, null, true, 2_925L, null));
        assertThat(old.sampling()).isEqualTo(new SavedSampling(100, 0, 0, null, null, null));
    }
}
