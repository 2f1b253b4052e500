package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.TimelineEvent;

class LaneStretchesTest {
    private static final Lane LANE = Lane.probe("api");

    @Test
    void consecutiveSamplesOfOneStateAreOneStretchUntilTheNextStateTakesEffect() {
        List<TimelineEvent.Sample> samples = List.of(sample(0, true, 10), sample(100, true, 10),
                sample(200, false, 30), sample(300, false, 30), sample(400, true, 25));

        List<String> stretches = text(LaneStretches.of(samples, 100, 10_000, 1.0));

        assertThat(stretches).containsExactly("HEALTHY 10-200 2/0", "FAILING 200-425 0/2", "HEALTHY 425-525 1/0");
    }

    @Test
    void aGapInTheSamplingEndsAStretchOnePeriodAfterItsLastSample() {
        List<TimelineEvent.Sample> samples = List.of(sample(0, true, 0), sample(100, true, 0),
                sample(5_000, true, 0));

        assertThat(text(LaneStretches.of(samples, 100, 10_000, 1.0)))
                .containsExactly("HEALTHY 0-200 2/0", "HEALTHY 5000-5100 1/0");
    }

    @Test
    void aLaneFlappingForAnHourDrawsNoMoreStretchesThanTheChartHasUnits() {
        List<TimelineEvent.Sample> samples = new ArrayList<>();
        for (long t = 0; t < 3_600_000; t += 100) {
            samples.add(sample(t, (t / 100) % 2 == 0, 0));
        }
        double units = 980;

        List<LaneStretches.Stretch> stretches = LaneStretches.of(samples, 100, 3_600_000, 3_600_000 / units);

        assertThat(stretches).hasSizeLessThanOrEqualTo((int) units);
        assertThat(stretches.get(0).state()).isEqualTo(LaneStretches.State.MIXED);
        assertThat(stretches.get(0).healthySamples() + stretches.get(0).failingSamples()).isEqualTo(36_000);
    }

    @Test
    void aFailureNarrowerThanAUnitBetweenLongHealthyStretchesStaysAFailingStretch() {
        List<TimelineEvent.Sample> samples = new ArrayList<>();
        for (long t = 0; t < 3_600_000; t += 100) {
            samples.add(sample(t, t != 1_800_000, 0));
        }

        List<String> stretches = text(LaneStretches.of(samples, 100, 3_600_000, 3_600_000 / 980.0));

        assertThat(stretches).containsExactly("HEALTHY 0-1800000 18000/0", "FAILING 1800000-1800100 0/1",
                "HEALTHY 1800100-3600000 17999/0");
    }

    private static TimelineEvent.Sample sample(long t, boolean ok, long latencyMs) {
        return new TimelineEvent.Sample(t, LANE, ok, ok ? 200 : 0, latencyMs, ok ? "" : "down");
    }

    private static List<String> text(List<LaneStretches.Stretch> stretches) {
        return stretches.stream().map(s -> s.state() + " " + s.fromMs() + "-" + s.toMs() + " "
                + s.healthySamples() + "/" + s.failingSamples()).toList();
    }
}
