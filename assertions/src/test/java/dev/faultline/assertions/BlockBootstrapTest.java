package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The back-to-normal test on synthetic runs shaped like {@code scenarios/back-to-normal.yaml}: 8 items a second,
 * 400 ms of work, completions seen by a results read about every second (so a latency and a second's throughput
 * depend on where the reads fall), now and then a slow second (a GC pause, a busy neighbour) slowing every item in
 * it, rare errors. Windows of 6 one-second blocks. Seeded: every figure here is the same on every run of the test.
 */
class BlockBootstrapTest {
    private static final BlockBootstrap DEFAULT = new BlockBootstrap(0.25, 0.01, 0.01, BlockBootstrap.DEFAULT_RESAMPLES);
    private static final int RUNS = 400;
    private static final int DEGRADED_RUNS = 100;

    /** How the after-window differs from the before-window in a synthetic run. */
    private record Change(double latencyFactor, double capacityFactor) {
        static final Change NONE = new Change(1, 1);
    }

    /**
     * A synthetic run's two windows: 6 s before, 6 s after. Items arrive as a Poisson stream; each takes 400 ms,
     * stretched in a slow second (one in ten, by up to 3x) and by {@code change.latencyFactor} after; reads see
     * completions every 1000-1060 ms. With {@code capacityFactor} below 1 the after-window's items queue behind a
     * server that completes only that share of the load.
     */
    private static List<List<BlockBootstrap.Block>> run(SplittableRandom random, Change change) {
        int blocks = 6;
        long windowMs = blocks * 1000L;
        List<long[]> items = new ArrayList<>(); // submitted, completed (-1: never), error (0/1)
        double t = 0;
        double serverFreeAt = windowMs;
        double[] slowness = new double[2 * blocks];
        for (int i = 0; i < slowness.length; i++) {
            slowness[i] = random.nextDouble() < 0.1 ? 1 + 2 * random.nextDouble() : 1;
        }
        while (true) {
            t += -Math.log(1 - random.nextDouble()) * 1000 / 8; // Poisson arrivals, 8 a second
            if (t >= 2 * windowMs) {
                break;
            }
            boolean after = t >= windowMs;
            double work = 400 * slowness[(int) (t / 1000)] * (after ? change.latencyFactor() : 1);
            double done;
            if (after && change.capacityFactor() < 1) {
                serverFreeAt = Math.max(serverFreeAt, t) + 125 / change.capacityFactor();
                done = serverFreeAt + work;
            } else {
                done = t + work;
            }
            boolean error = random.nextDouble() < 0.002;
            items.add(new long[] {(long) t, error ? -1 : (long) done, error ? 1 : 0});
        }
        List<Long> reads = new ArrayList<>();
        for (double r = random.nextDouble() * 1000; r < 4 * windowMs; r += 1000 + random.nextDouble() * 60) {
            reads.add((long) r);
        }
        List<List<BlockBootstrap.Block>> windows = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            long from = w * windowMs;
            List<BlockBootstrap.Block> window = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                long start = from + b * 1000L;
                long end = start + 1000;
                List<Long> latencies = new ArrayList<>();
                int sent = 0;
                int errors = 0;
                int doneIn = 0;
                for (long[] item : items) {
                    long seen = item[1] < 0 ? -1 : firstReadAtOrAfter(reads, item[1]);
                    if (item[0] >= start && item[0] < end) {
                        sent++;
                        errors += (int) item[2];
                        if (item[2] == 0) {
                            latencies.add(seen < 0 ? BlockBootstrap.Block.NEVER : seen - item[0]);
                        }
                    }
                    if (seen >= start && seen < end) {
                        doneIn++;
                    }
                }
                window.add(new BlockBootstrap.Block(latencies.stream().mapToLong(Long::longValue).toArray(), sent,
                        errors, doneIn));
            }
            windows.add(window);
        }
        return windows;
    }

    private static long firstReadAtOrAfter(List<Long> reads, long t) {
        for (long r : reads) {
            if (r >= t) {
                return r;
            }
        }
        return -1;
    }

    /** The share of {@code runs} synthetic runs with {@code change} in which any metric was found degraded. */
    private static double alarmRate(Change change, int runs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int alarms = 0;
        for (int i = 0; i < runs; i++) {
            List<List<BlockBootstrap.Block>> windows = run(random, change);
            Map<BlockBootstrap.Metric, BlockBootstrap.Outcome> outcome =
                    DEFAULT.compare(windows.get(0), windows.get(1), i);
            if (outcome.values().stream().anyMatch(BlockBootstrap.Outcome::degraded)) {
                alarms++;
            }
        }
        return (double) alarms / runs;
    }

    @Test
    void healthyRunsRaiseFalseAlarmsNoMoreOftenThanTheSignificance() {
        double rate = alarmRate(Change.NONE, RUNS, 42);

        System.out.printf("back-to-normal false alarm rate: %.2f%% of %d synthetic healthy runs%n", rate * 100, RUNS);
        assertThat(rate).as("false alarm rate").isLessThanOrEqualTo(0.01);
    }

    @Test
    void workThreeTimesAsLongAfterTheRecoveryIsFoundInNineRunsOfTen() {
        // 400 ms -> 1.2 s of work: about twice the latency seen, which includes the wait for the next read
        double rate = alarmRate(new Change(3, 1), DEGRADED_RUNS, 43);

        System.out.printf("back-to-normal finds 3x work in %.0f%% of %d synthetic runs%n", rate * 100, DEGRADED_RUNS);
        assertThat(rate).as("detection rate").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void capacityBelowTheLoadAfterTheRecoveryIsFoundInNearlyEveryRun() {
        // prefetch 1 of 5 at 25/s capacity: 5/s against 8/s of load, from an empty queue at the window's start
        double rate = alarmRate(new Change(1, 0.625), DEGRADED_RUNS, 44);

        System.out.printf("back-to-normal finds capacity 5/s < 8/s in %.0f%% of %d synthetic runs%n", rate * 100,
                DEGRADED_RUNS);
        assertThat(rate).as("detection rate").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aMetricIsDegradedOnlyPastItsToleranceAndAtItsSignificance() {
        List<BlockBootstrap.Block> before = List.of(block(100, 8), block(100, 8), block(100, 8));
        List<BlockBootstrap.Block> within = List.of(block(120, 8), block(120, 8), block(120, 8));
        List<BlockBootstrap.Block> past = List.of(block(130, 8), block(130, 8), block(130, 8));

        assertThat(DEFAULT.compare(before, within, 1).get(BlockBootstrap.Metric.P50_LATENCY).degraded()).isFalse();
        BlockBootstrap.Outcome outcome = DEFAULT.compare(before, past, 1).get(BlockBootstrap.Metric.P50_LATENCY);
        assertThat(outcome.degraded()).isTrue();
        assertThat(outcome.limit()).isEqualTo(125.0);
        assertThat(outcome.pValue()).isEqualTo(1.0 / (BlockBootstrap.DEFAULT_RESAMPLES + 1));
    }

    @Test
    void aFewMillisecondsMoreAreNoDegradationHoweverSmallTheLatency() {
        List<BlockBootstrap.Block> before = List.of(block(2, 8), block(2, 8), block(2, 8));
        List<BlockBootstrap.Block> after = List.of(block(9, 8), block(9, 8), block(9, 8));

        assertThat(DEFAULT.compare(before, after, 1).values()).noneMatch(BlockBootstrap.Outcome::degraded);
    }

    @Test
    void aToleranceOfAHundredPercentIsRefused() {
        assertThatThrownBy(() -> new BlockBootstrap(1.0, 0.01, 0.01, 2000))
                .hasMessage("tolerance must be at least 0% and below 100%, but was 1.0");
    }

    /** A second of {@code n} items each taking {@code ms}, all accepted and done in it. */
    private static BlockBootstrap.Block block(long ms, int n) {
        long[] latencies = new long[n];
        java.util.Arrays.fill(latencies, ms);
        return new BlockBootstrap.Block(latencies, n, 0, n);
    }
}
