package dev.faultline.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void aProblemReadsFileLineColumnPathAndMessage() {
        Problem problem = new Problem("scenarios/x.yaml", 14, 7, "faults[0].with.mode",
                "expected one of stop, kill, pause, disconnect but was 'halt'");

        assertThat(problem).hasToString(
                "scenarios/x.yaml:14:7 faults[0].with.mode: expected one of stop, kill, pause, disconnect but was 'halt'");
    }

    @Test
    void aProblemWithoutPositionLeavesItOut() {
        assertThat(new Problem("x.yaml", 0, 0, "(file)", "no such file")).hasToString("x.yaml (file): no such file");
    }

    @Test
    void theExceptionHoldsItsProblemsAndListsThemOnePerLine() {
        Problem first = new Problem("a.yaml", 1, 2, "seed", "bad");
        Problem second = new Problem("a.yaml", 3, 4, "load", "worse");

        InvalidScenarioException e = new InvalidScenarioException(List.of(first, second));

        assertThat(e.problems()).containsExactly(first, second);
        assertThat(e).hasMessage("a.yaml:1:2 seed: bad\na.yaml:3:4 load: worse");
    }

    @Test
    void anExceptionWithoutProblemsIsRejected() {
        assertThatThrownBy(() -> new InvalidScenarioException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
