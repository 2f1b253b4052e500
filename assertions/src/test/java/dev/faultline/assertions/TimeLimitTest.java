package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Objective.Check;

/** A limit on a time figure with its bound, the one rule every time objective and assertion uses. */
class TimeLimitTest {
    private static final TimeLimit ON_BOUND = TimeLimit.of(Duration.ofSeconds(3));
    private static final TimeLimit ON_MEASURED = new TimeLimit(Duration.ofSeconds(3), TimeLimit.Judging.MEASURED);

    @Test
    void judgedOnTheBoundTheFigurePlusItsBoundMustBeWithin() {
        assertThat(ON_BOUND.met(2_900, 100L)).isTrue();
        assertThat(ON_BOUND.met(2_950, 80L)).isFalse();
        assertThat(ON_BOUND.met(3_000, 0L)).isTrue();
    }

    @Test
    void judgedOnTheMeasuredValueTheBoundIsIgnored() {
        assertThat(ON_MEASURED.met(2_950, 80L)).isTrue();
        assertThat(ON_MEASURED.met(3_001, 0L)).isFalse();
    }

    @Test
    void aBoundWithValuesOnBothSidesOfTheLimitStraddlesIt() {
        assertThat(ON_BOUND.straddles(2_950, 80L)).isTrue();
        assertThat(ON_BOUND.straddles(3_050, 80L)).isTrue();
        assertThat(ON_BOUND.straddles(2_920, 80L)).as("2.84..3.0: all within").isFalse();
        assertThat(ON_BOUND.straddles(3_081, 80L)).as("all beyond").isFalse();
        assertThat(ON_BOUND.straddles(3_000, 0L)).isFalse();
    }

    @Test
    void theCheckSaysWhereTheTrueValueMayBe() {
        assertThat(ON_BOUND.check("recovery[kill]", 2_950, 80L)).isEqualTo(new Check("recovery[kill]", "<= 3s",
                "2.95s \u00b1 80ms (straddles the limit 3s: the true value is 2.87s..3.03s)", false, true));
        assertThat(ON_MEASURED.check("recovery[kill]", 2_950, 80L)).isEqualTo(new Check("recovery[kill]",
                "<= 3s (measured value)", "2.95s \u00b1 80ms (straddles the limit 3s: the true value is 2.87s..3.03s)",
                true, true));
        assertThat(ON_BOUND.check("recovery[kill]", 1_200, 40L))
                .isEqualTo(new Check("recovery[kill]", "<= 3s", "1.2s \u00b1 40ms", true, false));
    }

    @Test
    void aFigureWithoutABoundIsJudgedOnItsValueAlone() {
        assertThat(ON_BOUND.met(3_000, null)).isTrue();
        assertThat(ON_BOUND.straddles(3_000, null)).isFalse();
        assertThat(ON_BOUND.actual(3_000, null)).isEqualTo("3s");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> TimeLimit.of(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
