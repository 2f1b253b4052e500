package dev.faultline.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.toxics.GoNumbers;
import org.junit.jupiter.api.Test;

class GoJsonFormatTest {

    @Test
    void float32IsWrittenAsGoWritesIt() {
        assertThat(GoNumbers.formatFloat32(1.0f)).isEqualTo("1");
        assertThat(GoNumbers.formatFloat32(0f)).isEqualTo("0");
        assertThat(GoNumbers.formatFloat32(0.5f)).isEqualTo("0.5");
        assertThat(GoNumbers.formatFloat32(0.1f)).isEqualTo("0.1");
        assertThat(GoNumbers.formatFloat32(0.00001f)).isEqualTo("0.00001");
        assertThat(GoNumbers.formatFloat32(1e-7f)).isEqualTo("1e-7");
        assertThat(GoNumbers.formatFloat32(12345f)).isEqualTo("12345");
    }

    @Test
    void float64IsWrittenAsGoWritesIt() {
        assertThat(GoNumbers.formatFloat64(0.01)).isEqualTo("0.01");
        assertThat(GoNumbers.formatFloat64(1)).isEqualTo("1");
        assertThat(GoNumbers.formatFloat64(2.5e-8)).isEqualTo("2.5e-8");
    }
}
