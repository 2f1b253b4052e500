package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void fractionsAreWrittenAsPercentages() {
        assertThat(Figures.percent(0.015)).isEqualTo("1.5%");
        assertThat(Figures.percent(0)).isEqualTo("0%");
    }
}
