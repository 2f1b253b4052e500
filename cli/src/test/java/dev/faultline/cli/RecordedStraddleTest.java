package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.timeline.TimelineReader;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * A recorded run ({@code recorded/agent-freeze}: the agent frozen for 3 s, sampled every 100ms with extra probes,
 * recorded on this project's 2-core machine) whose recovery, {@code 39ms ± 10ms}, straddles a limit of 40ms: judged
 * on the bound the objective fails and says the true value may be on either side; judged on the measured value it
 * passes and says the same.
 */
class RecordedStraddleTest {
    private static final Path RECORDED = Path.of("src/test/resources/recorded/agent-freeze");

    /** The recorded scenario with its recovery objective written {@code recovery} instead. */
    private static Scenario scenario(String recovery) throws IOException {
        String yaml = Files.readString(RECORDED.resolve("scenario.yaml"))
                .replace("recovery: { within: 60s, stable-for: 1s }", "recovery: " + recovery);
        assertThat(yaml).contains("recovery: " + recovery);
        return ScenarioLoader.standard().load(yaml, RECORDED.resolve("scenario.yaml"));
    }

    /** The run as the harness recorded it: its timeline, and the fault's window from the timeline's own marks. */
    private static RunRecord recorded(Scenario scenario) throws IOException {
        Timeline timeline = new Timeline(0);
        TimelineReader.Read read = TimelineReader.read(RECORDED.resolve("timeline.jsonl"));
        assertThat(read.unreadable()).isZero();
        read.events().forEach(timeline::record);
        long injected = mark(read.events(), FaultState.INJECTED);
        long reverted = mark(read.events(), FaultState.REVERTED);
        FaultWindow window = new FaultWindow(scenario.faults().get(0), List.of("agent"), injected, reverted, false,
                null);
        return new RunRecord(scenario, "bound-freeze-mx7v8x6cnn", Instant.EPOCH, timeline, new Ledger(),
                List.of(window), Map.of("agent", List.of("agent")), -1, -1, -1);
    }

    private static long mark(List<TimelineEvent> events, FaultState state) {
        return events.stream().filter(e -> e instanceof TimelineEvent.FaultChange c && c.change() == state)
                .mapToLong(TimelineEvent::t).findFirst().orElseThrow();
    }

    private static Objective.Check recoveryCheck(Scenario scenario) throws IOException {
        RunRecord run = recorded(scenario);
        Measurements figures = Measurements.of(run, Duration.ofSeconds(1));
        return scenario.objectives().get(0).evaluate(run, figures).get(0);
    }

    @Test
    void theRecordedRecoveryCarriesItsBound() throws IOException {
        RunRecord run = recorded(scenario("{ within: 60s, stable-for: 1s }"));

        FaultMeasure freeze = Measurements.of(run, Duration.ofSeconds(1)).faults().get(0);

        assertThat(freeze.recoveryMs()).isEqualTo(39);
        assertThat(freeze.recoveryBoundMs()).isEqualTo(10);
    }

    @Test
    void judgedOnTheBoundARecoveryStraddlingItsLimitFailsAndSaysSo() throws IOException {
        Objective.Check check = recoveryCheck(scenario("{ within: 40ms, stable-for: 1s }"));

        assertThat(check).isEqualTo(new Objective.Check("recovery[under-test]", "<= 40ms",
                "39ms \u00b1 10ms (straddles the limit 40ms: the true value is 29ms..49ms)", false, true));
    }

    @Test
    void judgedOnTheMeasuredValueItPassesAndStillSaysItStraddles() throws IOException {
        Objective.Check check = recoveryCheck(scenario("{ within: 40ms, stable-for: 1s, judge-on: measured }"));

        assertThat(check).isEqualTo(new Objective.Check("recovery[under-test]", "<= 40ms (measured value)",
                "39ms \u00b1 10ms (straddles the limit 40ms: the true value is 29ms..49ms)", true, true));
    }

    @Test
    void aLimitClearOfTheBoundIsNoStraddle() throws IOException {
        Objective.Check check = recoveryCheck(scenario("{ within: 50ms, stable-for: 1s }"));

        assertThat(check.met()).isTrue();
        assertThat(check.straddles()).isFalse();
        assertThat(check.actual()).isEqualTo("39ms \u00b1 10ms");
    }
}
