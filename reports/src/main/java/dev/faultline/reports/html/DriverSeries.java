package dev.faultline.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.faultline.reports.saved.SavedDriver;

/**
 * A load driver's own figures over time (Gatling's seconds, {@code result.json} {@code load.driver.perSecond}) in
 * the chart's buckets of {@code bucketMs}. Buckets start at the driver's first second, so with one-second buckets
 * each bucket is exactly one of its seconds; a longer bucket sums the OK and KO counts of its seconds and keeps the
 * highest of each of their percentiles (seconds' percentiles cannot be merged into the bucket's own).
 */
record DriverSeries(long bucketMs, List<Bucket> buckets) {
    DriverSeries {
        buckets = List.copyOf(buckets);
    }

    /**
     * The requests answered OK and KO in {@code [fromMs, fromMs + bucketMs)}, and the highest percentiles of the OK
     * ones among its seconds (null when no second had one). {@code seconds} is 0 for a bucket the driver saw no
     * second of (a gap in its figures).
     */
    record Bucket(long fromMs, int seconds, long ok, long ko, Long p50Ms, Long p95Ms, Long p99Ms) {
    }

    /** The series of {@code driver}'s seconds in buckets of {@code bucketMs}; no buckets when it saved none. */
    static DriverSeries of(SavedDriver driver, long bucketMs) {
        List<SavedDriver.Second> seconds = driver.perSecond();
        if (seconds.isEmpty()) {
            return new DriverSeries(bucketMs, List.of());
        }
        long origin = seconds.stream().mapToLong(SavedDriver.Second::t).min().orElseThrow();
        TreeMap<Long, Bucket> byIndex = new TreeMap<>();
        for (SavedDriver.Second s : seconds) {
            long index = Math.floorDiv(s.t() - origin, bucketMs);
            Bucket b = byIndex.getOrDefault(index, new Bucket(origin + index * bucketMs, 0, 0, 0, null, null, null));
            byIndex.put(index, new Bucket(b.fromMs(), b.seconds() + 1, b.ok() + s.ok(), b.ko() + s.ko(),
                    max(b.p50Ms(), s.p50Ms()), max(b.p95Ms(), s.p95Ms()), max(b.p99Ms(), s.p99Ms())));
        }
        List<Bucket> out = new ArrayList<>();
        for (long i = byIndex.firstKey(); i <= byIndex.lastKey(); i++) {
            out.add(byIndex.getOrDefault(i, new Bucket(origin + i * bucketMs, 0, 0, 0, null, null, null)));
        }
        return new DriverSeries(bucketMs, out);
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    /** The most requests (OK and KO) of one bucket, per second. */
    double maxPerSec() {
        long max = 0;
        for (Bucket b : buckets) {
            max = Math.max(max, b.ok() + b.ko());
        }
        return max * 1000.0 / bucketMs;
    }

    /** The highest p99 of any bucket; 0 when none had one. */
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
