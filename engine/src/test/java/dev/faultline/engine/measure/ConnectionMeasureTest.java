package dev.faultline.engine.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.timeline.TimelineEvent.Connections;

class ConnectionMeasureTest {

    /** A sample every 100 ms from 0 to 10 s; {@code perTick} attempts are added after each sample from 2 s to 4 s. */
    private static List<Connections> burst(int perTick) {
        List<Connections> samples = new ArrayList<>();
        long count = 100;
        for (long t = 0; t <= 10_000; t += 100) {
            samples.add(new Connections(t, "rabbitmq", count, 2));
            if (t >= 2_000 && t < 4_000) {
                count += perTick;
            }
        }
        return samples;
    }

    @Test
    void thePeakIsTheMostAttemptsInAnyOneSecondAndTheTotalCountsFromTheFirstSample() {
        ConnectionMeasure m = ConnectionMeasure.of("rabbitmq", burst(2), List.of(), 10_000);

        assertThat(m.accepted()).isEqualTo(40);
        assertThat(m.peakPerSec()).isEqualTo(20);
        assertThat(m.peakAtMs()).isEqualTo(3_000);
        assertThat(m.meanPerSecDuringFaults()).isNull();
    }

    @Test
    void attemptsDuringFaultsCountOnlyInsideTheUnionOfTheWindows() {
        // two overlapping windows 1 s..3 s and 2.5 s..3.5 s: 1 s..3.5 s, of which 2 s..3.5 s saw 15 x 2 attempts
        ConnectionMeasure m = ConnectionMeasure.of("rabbitmq", burst(2),
                List.of(new long[] {1_000, 3_000}, new long[] {2_500, 3_500}), 10_000);

        assertThat(m.duringFaults()).isEqualTo(30);
        assertThat(m.faultWindowMs()).isEqualTo(2_500);
        assertThat(m.meanPerSecDuringFaults()).isEqualTo(12.0);
    }

    @Test
    void aWindowThatNeverClosedEndsWithTheRun() {
        ConnectionMeasure m = ConnectionMeasure.of("rabbitmq", burst(1), List.<long[]>of(new long[] {3_000,
                Long.MAX_VALUE}), 12_000);

        assertThat(m.faultWindowMs()).isEqualTo(9_000);
        assertThat(m.duringFaults()).isEqualTo(10);
    }

    @Test
    void aWindowOutlastingTheLastChangeKeepsItsLength() {
        // counts are recorded only when they change: none after 4 s, yet the window runs to 8 s
        List<Connections> changes = burst(1).stream().filter(c -> c.t() <= 4_000).toList();

        ConnectionMeasure m = ConnectionMeasure.of("rabbitmq", changes, List.<long[]>of(new long[] {2_000, 8_000}),
                12_000);

        assertThat(m.faultWindowMs()).isEqualTo(6_000);
        assertThat(m.duringFaults()).isEqualTo(20);
    }

    @Test
    void noAttemptMeansNoPeak() {
        ConnectionMeasure m = ConnectionMeasure.of("rabbitmq",
                List.of(new Connections(0, "rabbitmq", 7, 1), new Connections(500, "rabbitmq", 7, 0)), List.of(), 500);

        assertThat(m.peakPerSec()).isZero();
        assertThat(m.peakAtMs()).isEqualTo(-1);
        assertThat(m.accepted()).isZero();
    }
}
