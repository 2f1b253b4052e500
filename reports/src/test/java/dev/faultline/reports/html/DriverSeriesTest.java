package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.reports.saved.SavedDriver;
import dev.faultline.reports.saved.SavedDriver.Second;

class DriverSeriesTest {
    private static final SavedDriver GATLING = new SavedDriver("gatling", null, null, 0, 0, 0, null, null, null,
            List.of(new Second(2_300, 10, 0, 4L, 8L, 12L), new Second(3_300, 9, 1, 5L, 9L, 30L),
                    new Second(4_300, 0, 2, null, null, null), new Second(5_300, 3, 0, 3L, 6L, 10L),
                    new Second(8_300, 10, 0, 4L, 7L, 11L)));

    @Test
    void oneSecondBucketsAreTheDriversOwnSecondsWithAnEmptyBucketForAGap() {
        DriverSeries series = DriverSeries.of(GATLING, 1_000);

        assertThat(series.buckets()).containsExactly(
                new DriverSeries.Bucket(2_300, 1, 10, 0, 4L, 8L, 12L),
                new DriverSeries.Bucket(3_300, 1, 9, 1, 5L, 9L, 30L),
                new DriverSeries.Bucket(4_300, 1, 0, 2, null, null, null),
                new DriverSeries.Bucket(5_300, 1, 3, 0, 3L, 6L, 10L),
                new DriverSeries.Bucket(6_300, 0, 0, 0, null, null, null),
                new DriverSeries.Bucket(7_300, 0, 0, 0, null, null, null),
                new DriverSeries.Bucket(8_300, 1, 10, 0, 4L, 7L, 11L));
        assertThat(series.maxPerSec()).isEqualTo(10.0);
        assertThat(series.maxP99Ms()).isEqualTo(30);
    }

    @Test
    void aLongerBucketSumsItsSecondsCountsAndKeepsTheirHighestPercentiles() {
        DriverSeries series = DriverSeries.of(GATLING, 5_000);

        assertThat(series.buckets()).containsExactly(
                new DriverSeries.Bucket(2_300, 4, 22, 3, 5L, 9L, 30L),
                new DriverSeries.Bucket(7_300, 1, 10, 0, 4L, 7L, 11L));
        assertThat(series.maxPerSec()).isEqualTo(25 / 5.0);
    }

    @Test
    void aDriverWithoutSecondsHasNoBuckets() {
        SavedDriver none = new SavedDriver("gatling", null, null, 0, 0, 0, null, null, null, List.of());

        assertThat(DriverSeries.of(none, 1_000).buckets()).isEmpty();
    }
}
