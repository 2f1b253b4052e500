package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;

/** The verdict and its reason: a check that passed while its figure's bound straddles its limit is named. */
class JudgeTest {
    private static final Objective.Check CLEAR = new Objective.Check("recovery[a]", "<= 3s", "1.2s \u00b1 40ms", true);
    private static final Objective.Check CLOSE = new Objective.Check("recovery[b]", "<= 3s (measured value)",
            "2.95s \u00b1 80ms (straddles the limit 3s: the true value is 2.87s..3.03s)", true, true);

    private static RunResult judged(Objective.Check... checks) {
        Objective objective = new Objective() {
            @Override
            public String name() {
                return "recovery";
            }

            @Override
            public List<Check> evaluate(RunRecord run, Measurements figures) {
                return List.of(checks);
            }
        };
        Scenario scenario = new Scenario("judge-test", null, null, Scenarios.TOPOLOGY, 7, null,
                List.of(Scenarios.API), null, List.of(), List.of(objective), List.of());
        RunRecord record = new RunRecord(scenario, "run-1", Instant.EPOCH, new Timeline(0), new Ledger(), List.of(),
                Map.of("worker", List.of("worker-0")), -1, -1, -1);
        return Judge.judge(record, Measurements.of(record, Duration.ofSeconds(3)),
                new RunStop(new RunOptions.Cancellation()), Path.of("target"));
    }

    @Test
    void everyCheckClearOfItsLimitIsAPlainPass() {
        RunResult result = judged(CLEAR);

        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.reason()).isEqualTo("every objective met");
    }

    @Test
    void aPassThatStraddlesItsLimitIsNamedInTheReason() {
        RunResult result = judged(CLEAR, CLOSE);

        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.reason()).isEqualTo("every objective met; judged on the measured value, but recovery[b] "
                + "2.95s \u00b1 80ms (straddles the limit 3s: the true value is 2.87s..3.03s) against <= 3s (measured "
                + "value)");
    }
}
