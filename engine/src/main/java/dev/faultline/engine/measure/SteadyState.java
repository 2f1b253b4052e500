package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.TimelineEvent.Sample;

/**
 * Whether a set of lanes all pass, as a step function of time. At time {@code t} the state is OK when the latest
 * sample at or before {@code t} of every lane is OK; a lane without a sample yet counts as OK. Kept as the times
 * at which the state changed, so the list alternates: failing, passing, failing, ...
 *
 * <p>A failing sample counts from when its request was sent (the service did not answer as expected from then on);
 * a passing sample counts from when its answer arrived ({@link Sample#effectiveTime}), since that is the first moment the
 * service is known to serve again: a request sent while a service is frozen and answered right after the thaw
 * proves nothing about the time it was sent.
 */
final class SteadyState {
    private final long[] changes;
    private final long[] failingSamples;

    private SteadyState(long[] changes, long[] failingSamples) {
        this.changes = changes;
        this.failingSamples = failingSamples;
    }

    static SteadyState of(Map<Lane, List<Sample>> samplesByLane, Collection<Lane> lanes) {
        List<Sample> merged = new ArrayList<>();
        for (Lane lane : lanes) {
            merged.addAll(samplesByLane.getOrDefault(lane, List.of()));
        }
        // stable: of a lane's samples at the same time, the one sent later wins
        merged.sort(Comparator.comparingLong(Sample::effectiveTime));
        Map<Lane, Boolean> latest = new HashMap<>();
        List<Long> changeTimes = new ArrayList<>();
        List<Long> failing = new ArrayList<>();
        boolean ok = true;
        int failingLanes = 0;
        int i = 0;
        while (i < merged.size()) {
            long t = merged.get(i).effectiveTime();
            for (; i < merged.size() && merged.get(i).effectiveTime() == t; i++) {
                Sample s = merged.get(i);
                Boolean before = latest.put(s.lane(), s.ok());
                if (before != null && !before) {
                    failingLanes--;
                }
                if (!s.ok()) {
                    failingLanes++;
                    failing.add(t);
                }
            }
            boolean nowOk = failingLanes == 0;
            if (nowOk != ok) {
                changeTimes.add(t);
                ok = nowOk;
            }
        }
        return new SteadyState(changeTimes.stream().mapToLong(Long::longValue).toArray(),
                failing.stream().mapToLong(Long::longValue).toArray());
    }

    /** Whether every lane passes at {@code t}. */
    boolean okAt(long t) {
        return changesAtOrBefore(t) % 2 == 0;
    }

    /** Time of the first failing sample in {@code [from, before)}, or null. */
    Long firstFailingSample(long from, long before) {
        for (long t : failingSamples) {
            if (t >= from && t < before) {
                return t;
            }
        }
        return null;
    }

    /**
     * Start of the first stretch at or after {@code from} in which every lane passes for {@code stableForMs}
     * without a break, or null. The stretch starts at {@code from} when everything passes there, else at the
     * change back to passing; a stretch still open at {@code end} (the last sample) counts only if it already
     * lasted {@code stableForMs} by then.
     */
    Long recoveryPoint(long from, long stableForMs, long end) {
        int next = changesAtOrBefore(from);
        long start;
        if (next % 2 == 0) {
            start = from;
        } else if (next < changes.length) {
            start = changes[next];
            next++;
        } else {
            return null;
        }
        while (true) {
            if (next >= changes.length) {
                return end - start >= stableForMs ? start : null;
            }
            long broken = changes[next];
            if (broken - start >= stableForMs) {
                return start;
            }
            if (next + 1 >= changes.length) {
                return null;
            }
            start = changes[next + 1];
            next += 2;
        }
    }

    /** Milliseconds within {@code [from, to]} during which some lane failed. */
    long violatedMs(long from, long to) {
        long total = 0;
        for (int i = 0; i < changes.length; i += 2) {
            long a = Math.max(changes[i], from);
            long b = Math.min(i + 1 < changes.length ? changes[i + 1] : Long.MAX_VALUE, to);
            if (b > a) {
                total += b - a;
            }
        }
        return total;
    }

    private int changesAtOrBefore(long t) {
        int lo = 0;
        int hi = changes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (changes[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
