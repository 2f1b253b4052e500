package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void durationsUnderASecondAreWrittenInMilliseconds() {
        assertThat(Figures.duration(850)).isEqualTo("850ms");
    }

    @Test
    void longerDurationsAreWrittenInSecondsWithUpToTwoDecimals() {
        assertThat(Figures.duration(2_414)).isEqualTo("2.41s");
        assertThat(Figures.duration(2_400)).isEqualTo("2.4s");
        assertThat(Figures.duration(15_000)).isEqualTo("15s");
    }

    @Test
    void zeroIsZeroSeconds() {
        assertThat(Figures.duration(0)).isEqualTo("0s");
    }

    @Test
    void fractionsAreWrittenAsPercentages() {
        assertThat(Figures.percent(0.015)).isEqualTo("1.5%");
        assertThat(Figures.percent(0)).isEqualTo("0%");
    }
}
