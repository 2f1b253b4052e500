package dev.faultline.proxy.toxics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlicerCutsTest {

    private static void assertContiguousCover(List<Integer> cuts, int size) {
        assertThat(cuts.get(0)).isZero();
        assertThat(cuts.get(cuts.size() - 1)).isEqualTo(size);
        for (int i = 1; i + 1 < cuts.size(); i += 2) {
            assertThat(cuts.get(i)).isEqualTo(cuts.get(i + 1));
        }
    }

    @Test
    void piecesCoverTheChunkAndStayNearTheAverageSize() {
        List<Integer> cuts = SlicerStage.cuts(10_000, new ToxicAttributes.Slicer(100, 20, 0), new Random(1));

        assertContiguousCover(cuts, 10_000);
        for (int i = 0; i < cuts.size(); i += 2) {
            assertThat(cuts.get(i + 1) - cuts.get(i)).isBetween(1, 120);
        }
        assertThat(cuts.size() / 2).isGreaterThan(60);
    }

    @Test
    void aChunkNoLargerThanAverageSizePlusVariationIsOnePiece() {
        assertThat(SlicerStage.cuts(110, new ToxicAttributes.Slicer(100, 20, 0), new Random(1))).containsExactly(0, 110);
    }

    @Test
    void zeroVariationAndZeroAverageStillTerminate() {
        List<Integer> cuts = SlicerStage.cuts(64, new ToxicAttributes.Slicer(0, 0, 0), new Random(1));

        assertContiguousCover(cuts, 64);
        assertThat(cuts).hasSize(128);
    }
}
