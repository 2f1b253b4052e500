package dev.faultline.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void aFigureUnderASecondIsWrittenInMilliseconds() {
        assertThat(Durations.figure(80)).isEqualTo("80ms");
    }

    @Test
    void aLongerFigureIsWrittenInSecondsRoundedToTwoDecimals() {
        assertThat(Durations.figure(3_284)).isEqualTo("3.28s");
        assertThat(Durations.figure(2_415)).isEqualTo("2.42s");
        assertThat(Durations.figure(2_400)).isEqualTo("2.4s");
        assertThat(Durations.figure(15_000)).isEqualTo("15s");
    }

    @Test
    void aZeroFigureIsZeroSeconds() {
        assertThat(Durations.figure(0)).isEqualTo("0s");
    }

    @Test
    void aNegativeFigureKeepsItsSign() {
        assertThat(Durations.figure(-850)).isEqualTo("-850ms");
        assertThat(Durations.figure(-1_500)).isEqualTo("-1.5s");
    }

    @Test
    void aConfiguredDurationIsWrittenInTheLargestWholeUnit() {
        assertThat(Durations.text(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.text(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.text(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.text(Duration.ofMillis(1_500))).isEqualTo("1500ms");
    }

    @Test
    void aConfiguredFractionOfAMillisecondIsKeptAsDecimalMilliseconds() {
        assertThat(Durations.text(Duration.of(500, ChronoUnit.MICROS))).isEqualTo("0.5ms");
    }

    @Test
    void aConfiguredZeroIsZeroSeconds() {
        assertThat(Durations.text(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void everyConfiguredDurationReadsBackAsItself() {
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofMillis(1_234), Duration.ofSeconds(90),
                Duration.ofMinutes(3), Duration.of(1_500_250, ChronoUnit.MICROS)}) {
            assertThat(Units.duration(Durations.text(d))).as(Durations.text(d)).isEqualTo(d);
        }
    }
}
