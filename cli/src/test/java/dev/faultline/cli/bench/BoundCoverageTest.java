package dev.faultline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.faultline.cli.bench.AccuracyCase.Range;
import dev.faultline.cli.bench.RunFigures.Coverage;

/** How the accuracy benchmark judges a bound against the truth, and how it carries the truth's own interval. */
class BoundCoverageTest {

    @Test
    void aTruthOnTheEdgeOfTheBoundIsInside() {
        Coverage c = Coverage.of(100L, 10L, Range.exact(110));

        assertThat(c.inside()).isTrue();
        assertThat(c.missMs()).isZero();
    }

    @Test
    void aTruthJustBeyondTheBoundIsOutsideByItsDistance() {
        Coverage c = Coverage.of(100L, 10L, Range.exact(89.5));

        assertThat(c.inside()).isFalse();
        assertThat(c.missMs()).isEqualTo(0.5);
        assertThat(c.overlaps()).isFalse();
    }

    @Test
    void aBestEstimateOutsideWhoseIntervalMeetsTheBoundIsCoveredOnlyWithTheTruthsUncertainty() {
        Coverage c = Coverage.of(100L, 10L, new Range(113, 108, 113));

        assertThat(c.inside()).isFalse();
        assertThat(c.onlyWithTruthUncertainty()).isTrue();
        assertThat(c.missMs()).isEqualTo(3.0);
    }

    @Test
    void aFigureWithoutABoundIsNotCovered() {
        Coverage c = Coverage.of(100L, null, Range.exact(100));

        assertThat(c.inside()).isFalse();
        assertThat(c.overlaps()).isFalse();
        assertThat(c.why()).isEqualTo("no bound");
    }

    @Test
    void anOutageRunsFromTheOnsetsLatestToTheBacksEarliestAndBack() {
        Range onset = new Range(1015, 1000, 1015);
        Range back = new Range(4100, 4097, 4100);

        Range outage = Range.between(onset, back);

        assertThat(outage).isEqualTo(new Range(3085, 3082, 3100));
    }

    @Test
    void aRecoveryIsNeverBelowZeroAtEitherEnd() {
        Range recovery = Range.since(4000, new Range(4010, 3990, 4010));

        assertThat(recovery).isEqualTo(new Range(10, 0, 10));
    }

    @Test
    void aBestEstimateOutsideItsOwnIntervalIsRefused() {
        assertThatThrownBy(() -> new Range(5, 6, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected lo <= best <= hi but was 6.0, 5.0, 7.0");
    }
}
