package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;

/**
 * The load's figures over the items submitted inside a set of time windows, and the one definition of a latency
 * percentile (reports plotting the load over time use it too).
 */
public final class LoadFigures {
    private LoadFigures() {
    }

    /**
     * Figures of the items submitted in the union of {@code windows} ({@code [from, to)} pairs, ms on the timeline);
     * throughput is accepted items per second of that union within the load ({@code loadStart..loadEnd}).
     */
    static LoadMeasure inside(RunRecord run, List<long[]> windows) {
        List<long[]> union = union(windows);
        long sent = 0;
        long accepted = 0;
        Latencies latencies = new Latencies();
        for (Ledger.WorkItem item : run.ledger()) {
            if (!covers(union, item.submittedAt())) {
                continue;
            }
            sent++;
            if (item.accepted()) {
                accepted++;
            }
            if (item.answeredAt() >= 0) {
                latencies.add(item.latencyMs());
            }
        }
        double errorRate = sent == 0 ? 0.0 : (double) (sent - accepted) / sent;
        long loadMs = run.loadStart() < 0 ? 0 : lengthWithin(union, run.loadStart(), run.loadEnd());
        double throughput = loadMs <= 0 ? 0.0 : accepted / (loadMs / 1000.0);
        return new LoadMeasure(sent, accepted, errorRate, latencies.percentile(50), latencies.percentile(95),
                latencies.percentile(99), throughput);
    }

    /** Nearest-rank: the smallest value with at least {@code p} percent of the values at or below it. */
    public static Long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /** Windows ({@code [from, to)} in ms) that overlap merged into one, in time order; empty ones dropped. */
    static List<long[]> union(List<long[]> windows) {
        List<long[]> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(w -> w[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] w : sorted) {
            if (w[1] <= w[0]) {
                continue;
            }
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && w[0] <= last[1]) {
                last[1] = Math.max(last[1], w[1]);
            } else {
                merged.add(new long[] {w[0], w[1]});
            }
        }
        return merged;
    }

    private static boolean covers(List<long[]> union, long t) {
        for (long[] w : union) {
            if (t >= w[0] && t < w[1]) {
                return true;
            }
        }
        return false;
    }

    private static long lengthWithin(List<long[]> union, long from, long to) {
        long total = 0;
        for (long[] w : union) {
            long a = Math.max(w[0], from);
            long b = Math.min(w[1], to);
            if (b > a) {
                total += b - a;
            }
        }
        return total;
    }
}
