package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.timeline.Ledger;

class LoadSeriesTest {
    @Test
    void anHourOfLoadIsAtMostThreeHundredBucketsOfARoundLength() {
        List<Ledger.WorkItem> items = new ArrayList<>();
        for (long t = 0; t < 3_600_000; t += 50) {
            items.add(item(t, 202, 5));
        }

        LoadSeries series = LoadSeries.of(items, 3_600_000);

        assertThat(series.bucketMs()).isEqualTo(15_000);
        assertThat(series.buckets()).hasSize(240);
    }

    @Test
    void aBucketCountsTheItemsSentInItAndTheirLatencyPercentiles() {
        List<Ledger.WorkItem> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add(item(1_000 + i * 10, i == 10 ? 503 : 202, i * 10L));
        }
        items.add(new Ledger.WorkItem("never-answered", 1_500, -1, -1, "timeout", 0, -1));
        items.add(item(2_100, 202, 7));

        List<LoadSeries.Bucket> buckets = LoadSeries.of(items, 60_000).buckets();

        assertThat(buckets).containsExactly(new LoadSeries.Bucket(1_000, 11, 9, 50L, 100L, 100L),
                new LoadSeries.Bucket(2_000, 1, 1, 7L, 7L, 7L));
    }

    private static Ledger.WorkItem item(long sentAt, int status, long latencyMs) {
        return new Ledger.WorkItem("w-" + sentAt, sentAt, sentAt + latencyMs, status, null, 1, sentAt + 100);
    }
}
