package dev.faultline.engine.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.timeline.TimelineEvent.DriverReport;
import dev.faultline.engine.timeline.TimelineEvent.LoadSecond;

class DriverMeasureTest {

    @Test
    void aDriversFiguresAreItsReportsTotalsAndItsSecondsInTimeOrder() {
        RunFixture run = new RunFixture();
        run.timeline.record(new LoadSecond(3_000, "gatling", 20, 0, 4, 8, 12));
        run.timeline.record(new LoadSecond(2_000, "gatling", 18, 2, 5, 9, 30));
        run.timeline.record(new LoadSecond(4_000, "gatling", 0, 5, null, null, null));
        run.timeline.record(new DriverReport(9_000, "gatling", "com.example.Sim", 45, 38, 7, 4, 9, 30,
                "gatling/index.html"));

        Measurements figures = run.measure(Duration.ofSeconds(1));

        assertThat(figures.driver()).isEqualTo(new DriverMeasure("gatling", "com.example.Sim", 45, 38, 7, 4, 9, 30,
                "gatling/index.html", java.util.List.of(
                        new DriverMeasure.Second(2_000, 18, 2, 5, 9, 30),
                        new DriverMeasure.Second(3_000, 20, 0, 4, 8, 12),
                        new DriverMeasure.Second(4_000, 0, 5, null, null, null))));
    }

    @Test
    void aRunWhoseDriverReportedNothingOfItsOwnHasNoDriverFigures() {
        RunFixture run = new RunFixture().item("w-1", 1_000, 5, 202, 1);
        run.timeline.record(new LoadSecond(2_000, "gatling", 18, 2, 5, 9, 30));

        assertThat(run.measure(Duration.ofSeconds(1)).driver()).isNull();
    }

    @Test
    void onlyTheSecondsOfTheReportingDriverCountAndItsLastReportWins() {
        RunFixture run = new RunFixture();
        run.timeline.record(new LoadSecond(1_000, "other", 99, 99, 1, 1, 1));
        run.timeline.record(new LoadSecond(1_000, "gatling", 10, 0, 3, 3, 3));
        run.timeline.record(new DriverReport(5_000, "gatling", null, 1, 1, 0, 3, 3, 3, null));
        run.timeline.record(new DriverReport(5_000, "gatling", null, 10, 10, 0, 3, 3, 3, "gatling/index.html"));

        DriverMeasure m = DriverMeasure.of(run.run());

        assertThat(m.requests()).isEqualTo(10);
        assertThat(m.report()).isEqualTo("gatling/index.html");
        assertThat(m.perSecond()).containsExactly(new DriverMeasure.Second(1_000, 10, 0, 3, 3, 3));
    }
}
