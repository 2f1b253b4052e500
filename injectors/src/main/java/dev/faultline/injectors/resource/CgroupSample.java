package dev.faultline.injectors.resource;

import java.util.Map;

/**
 * One reading of a container's own cgroup counters, the figures Docker's stats are computed from (CPU time, quota
 * periods, memory in use less inactive file cache, as {@code docker stats} shows it), read in the container by
 * {@code stress observe cgroup}. Docker's stats API publishes them only once a second; read directly they verify
 * a squeeze within a few hundred milliseconds.
 *
 * @param atNanos          when it was read (the container's monotonic clock)
 * @param cpuNanos         CPU time of every process of the container so far
 * @param periods          CPU quota periods so far
 * @param throttledPeriods of those, the periods in which the quota ran out
 * @param memoryBytes      memory in use
 * @param memoryLimitBytes the memory limit, 0 when none
 */
record CgroupSample(long atNanos, long cpuNanos, long periods, long throttledPeriods, long memoryBytes,
                    long memoryLimitBytes) {
    static CgroupSample of(StressTool tool) {
        Map<String, String> r = tool.runOne("observe", "cgroup");
        return new CgroupSample(StressTool.number(r, "at-ns"), StressTool.number(r, "cpu-ns"),
                StressTool.number(r, "periods"), StressTool.number(r, "throttled"), StressTool.number(r, "memory"),
                StressTool.number(r, "memory-limit"));
    }

    /** Milliseconds from {@code earlier} to this reading. */
    long millisSince(CgroupSample earlier) {
        return (atNanos - earlier.atNanos) / 1_000_000;
    }

    /** CPUs used on average from {@code earlier} to this reading (1.0 = one CPU busy all the time). */
    double cpusSince(CgroupSample earlier) {
        long nanos = atNanos - earlier.atNanos;
        return nanos <= 0 ? 0 : (double) (cpuNanos - earlier.cpuNanos) / nanos;
    }

    /** The share of quota periods from {@code earlier} to this reading in which the quota ran out. */
    double throttledSince(CgroupSample earlier) {
        long ran = periods - earlier.periods;
        return ran <= 0 ? 0 : (double) (throttledPeriods - earlier.throttledPeriods) / ran;
    }
}
