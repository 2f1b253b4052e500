package dev.faultline.engine.measure;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies in whole milliseconds, counted per value rather than kept one by one, so a day's load costs kilobytes;
 * its percentiles are exactly {@link LoadFigures#percentile} of the sorted values. Not thread-safe.
 */
public final class Latencies {
    private static final int DENSE_MAX = 1 << 16;

    /** {@code dense[ms]} values of {@code ms}, for 0 <= ms < {@value #DENSE_MAX}. */
    private long[] dense = new long[64];
    private final TreeMap<Long, Long> sparse = new TreeMap<>();
    private long count;

    public void add(long ms) {
        if (ms >= 0 && ms < DENSE_MAX) {
            int i = (int) ms;
            if (i >= dense.length) {
                dense = Arrays.copyOf(dense, Math.min(DENSE_MAX, Math.max(i + 1, dense.length * 2)));
            }
            dense[i]++;
        } else {
            sparse.merge(ms, 1L, Long::sum);
        }
        count++;
    }

    public long count() {
        return count;
    }

    /** Nearest-rank: the smallest value with at least {@code p} percent of the values at or below it. */
    public Long percentile(int p) {
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (Map.Entry<Long, Long> e : sparse.headMap(0L).entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        for (int ms = 0; ms < dense.length; ms++) {
            seen += dense[ms];
            if (seen >= rank) {
                return (long) ms;
            }
        }
        for (Map.Entry<Long, Long> e : sparse.tailMap(0L).entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + count + " values");
    }
}
