package dev.faultline.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.faultline.engine.measure.Latencies;
import dev.faultline.engine.timeline.Ledger;

/**
 * The load over time, from the ledger: the work items sent in each bucket of {@code bucketMs}, how many were accepted,
 * and the latency percentiles of those answered. Buckets are a round length and at most {@link #MAX_BUCKETS} cover
 * the run, so an hour of load draws as small as a minute of it.
 */
record LoadSeries(long bucketMs, List<Bucket> buckets) {
    static final int MAX_BUCKETS = 300;
    private static final long[] STEPS_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000};

    LoadSeries {
        buckets = List.copyOf(buckets);
    }

    /**
     * The items sent in {@code [fromMs, fromMs + bucketMs)}: {@code sent}, {@code accepted} (a 2xx answer), and the
     * nearest-rank latency percentiles of the answered ones (null when none was answered).
     */
    record Bucket(long fromMs, long sent, long accepted, Long p50Ms, Long p95Ms, Long p99Ms) {
        long errors() {
            return sent - accepted;
        }
    }

    /** The bucket length for a run of {@code spanMs}: the smallest round step giving at most MAX_BUCKETS buckets. */
    static long bucketMsFor(long spanMs) {
        for (long step : STEPS_MS) {
            if ((spanMs + step - 1) / step <= MAX_BUCKETS) {
                return step;
            }
        }
        return Math.max(STEPS_MS[STEPS_MS.length - 1], (spanMs + MAX_BUCKETS - 1) / MAX_BUCKETS);
    }

    /**
     * The series of {@code items} (in any order) over a run of {@code spanMs}; no buckets when nothing was sent. One
     * pass over the items (a saved ledger is read from its file as it goes), keeping counts per bucket.
     */
    static LoadSeries of(Iterable<Ledger.WorkItem> items, long spanMs) {
        long bucketMs = bucketMsFor(spanMs);
        TreeMap<Long, Counts> byBucket = new TreeMap<>();
        for (Ledger.WorkItem item : items) {
            Counts c = byBucket.computeIfAbsent(Math.floorDiv(item.submittedAt(), bucketMs), b -> new Counts());
            c.sent++;
            if (item.accepted()) {
                c.accepted++;
            }
            if (item.answeredAt() >= 0) {
                c.latencies.add(item.latencyMs());
            }
        }
        if (byBucket.isEmpty()) {
            return new LoadSeries(bucketMs, List.of());
        }
        List<Bucket> buckets = new ArrayList<>();
        for (long b = byBucket.firstKey(); b <= byBucket.lastKey(); b++) {
            Counts c = byBucket.getOrDefault(b, new Counts());
            buckets.add(new Bucket(b * bucketMs, c.sent, c.accepted, c.latencies.percentile(50),
                    c.latencies.percentile(95), c.latencies.percentile(99)));
        }
        return new LoadSeries(bucketMs, buckets);
    }

    /** What one bucket has seen so far. */
    private static final class Counts {
        long sent;
        long accepted;
        final Latencies latencies = new Latencies();
    }

    /** The most items sent in one bucket, per second. */
    double maxSentPerSec() {
        long max = 0;
        for (Bucket b : buckets) {
            max = Math.max(max, b.sent());
        }
        return max * 1000.0 / bucketMs;
    }

    /** The highest p99 of any bucket; 0 when nothing was answered. */
    long maxP99Ms() {
        long max = 0;
        for (Bucket b : buckets) {
            if (b.p99Ms() != null) {
                max = Math.max(max, b.p99Ms());
            }
        }
        return max;
    }
}
