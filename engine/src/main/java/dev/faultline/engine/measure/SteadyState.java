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
 *
 * <p>Every change, and every failing sample, also carries the span in which the true transition lies
 * ({@link Bounds.Edge}), from what the samples on each side of it show.
 */
final class SteadyState {
    private final long[] changes;
    private final Bounds.Edge[] changeEdges;
    private final long[] failingSamples;
    private final Bounds.Edge[] failingEdges;

    private SteadyState(List<Long> changes, List<Bounds.Edge> changeEdges, List<Long> failing,
                        List<Bounds.Edge> failingEdges) {
        this.changes = changes.stream().mapToLong(Long::longValue).toArray();
        this.changeEdges = changeEdges.toArray(Bounds.Edge[]::new);
        this.failingSamples = failing.stream().mapToLong(Long::longValue).toArray();
        this.failingEdges = failingEdges.toArray(Bounds.Edge[]::new);
    }

    /** {@code stops}: when Docker stopped each lane's instances, which narrows where failures began. */
    static SteadyState of(Map<Lane, List<Sample>> samplesByLane, Collection<Lane> lanes, Stops stops) {
        List<Sample> merged = new ArrayList<>();
        for (Lane lane : lanes) {
            merged.addAll(Bounds.asSeen(samplesByLane.getOrDefault(lane, List.of())));
        }
        // stable: of a lane's samples at the same time, the one sent later wins
        merged.sort(Comparator.comparingLong(Sample::effectiveTime));
        Map<Lane, Boolean> latest = new HashMap<>();
        Map<Lane, Bounds.LaneEvidence> evidence = new HashMap<>();
        List<Long> changeTimes = new ArrayList<>();
        List<Bounds.Edge> changeEdges = new ArrayList<>();
        List<Long> failing = new ArrayList<>();
        List<Bounds.Edge> failingEdges = new ArrayList<>();
        boolean ok = true;
        int failingLanes = 0;
        int i = 0;
        while (i < merged.size()) {
            long t = merged.get(i).effectiveTime();
            Bounds.Edge onset = null;
            Bounds.Edge back = null;
            for (; i < merged.size() && merged.get(i).effectiveTime() == t; i++) {
                Sample s = merged.get(i);
                Bounds.LaneEvidence lane = evidence.computeIfAbsent(s.lane(), k -> new Bounds.LaneEvidence(stops.of(k)));
                if (lane.stale(s)) {
                    lane.narrow(s);
                    continue;
                }
                Bounds.Edge edge = lane.add(s);
                Boolean before = latest.put(s.lane(), s.ok());
                if (before != null && !before) {
                    failingLanes--;
                }
                if (!s.ok()) {
                    failingLanes++;
                    failing.add(t);
                    failingEdges.add(edge);
                    onset = Bounds.Edge.widest(onset, edge);
                } else if (before != null && !before) {
                    back = Bounds.Edge.widest(back, edge);
                }
            }
            boolean nowOk = failingLanes == 0;
            if (nowOk != ok) {
                changeTimes.add(t);
                changeEdges.add(nowOk ? back : onset);
                ok = nowOk;
            }
        }
        return new SteadyState(changeTimes, changeEdges, failing, failingEdges);
    }

    /** Whether every lane passes at {@code t}. */
    boolean okAt(long t) {
        return changesAtOrBefore(t) % 2 == 0;
    }

    /** Time of the first failing sample in {@code [from, before)}, or null. */
    Long firstFailingSample(long from, long before) {
        int i = firstFailingIndex(from, before);
        return i < 0 ? null : failingSamples[i];
    }

    /**
     * Where the first failure at or after {@code from} truly began: the middle of the span of the first failing sample
     * in {@code [from, before)}, with how far the truth may lie from it; null when there is no such sample. Nothing
     * fails before {@code from} for this figure.
     */
    Estimate firstFailure(long from, long before) {
        int i = firstFailingIndex(from, before);
        return i < 0 ? null : Estimate.middleOf(failingEdges[i], from, Long.MAX_VALUE);
    }

    private int firstFailingIndex(long from, long before) {
        for (int i = 0; i < failingSamples.length; i++) {
            if (failingSamples[i] >= from && failingSamples[i] < before) {
                return i;
            }
        }
        return -1;
    }

    /** The span in which the failure placed at failing sample {@code t} truly began; null when no sample is there. */
    Bounds.Edge failingEdgeAt(long t) {
        for (int i = 0; i < failingSamples.length; i++) {
            if (failingSamples[i] == t) {
                return failingEdges[i];
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

    /**
     * Where the recovery point {@code point} (a {@link #recoveryPoint} from {@code from}) truly lies: the middle of
     * the span of the change back to passing there, cut to {@code from}. When the stretch started at {@code from}
     * itself, the span of the last change back to passing before it, of which only the part past {@code from} counts
     * (a service seen back just before the revert's mark may not have served new requests until after it); exactly
     * {@code point} when it passed all along.
     */
    Estimate recovery(long point, long from) {
        int i = changesAtOrBefore(point) - 1;
        if (i < 0 || i % 2 == 0) {
            return new Estimate(point, 0); // no change, or the last one was to failing: passing all along
        }
        Bounds.Edge edge = changeEdges[i];
        if (edge.hi() <= from) {
            return new Estimate(point, 0);
        }
        return Estimate.middleOf(edge, from, Long.MAX_VALUE);
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

    /**
     * The milliseconds within {@code [from, to]} during which some lane truly failed: the middle of the range the
     * truth lies in. Each violation seen inside {@code [from, to]} (see {@link #violatedMs}) lasted at least from the
     * latest its start may be to the earliest its end may be, and at most from the earliest start to the latest end;
     * a start cut to {@code from} or an end cut to {@code to} is exact there.
     */
    Estimate violated(long from, long to) {
        long shortest = 0; // summed over the violations: the truth lies in [shortest, longest]
        long longest = 0;
        for (int i = 0; i < changes.length; i += 2) {
            long start = changes[i];
            long end = i + 1 < changes.length ? changes[i + 1] : Long.MAX_VALUE;
            if (Math.min(end, to) <= Math.max(start, from)) {
                continue;
            }
            long startLo = from;
            long startHi = from;
            if (start >= from) {
                Bounds.Edge e = changeEdges[i];
                startLo = Math.max(e.lo(), from);
                startHi = Math.max(startLo, e.hi());
            }
            long endLo = to;
            long endHi = to;
            if (end <= to) {
                Bounds.Edge e = changeEdges[i + 1];
                endLo = e.lo();
                endHi = Math.max(endLo, e.hi());
            }
            shortest += Math.max(0, endLo - startHi);
            longest += Math.max(0, endHi - startLo);
        }
        return Estimate.middleOf(shortest, Math.max(shortest, longest));
    }

    /**
     * A figure placed in the middle of the range its true value lies in, and how far the truth may lie from it
     * (whole ms: the middle rounds down, the bound up).
     */
    record Estimate(long value, long bound) {
        static Estimate middleOf(long lo, long hi) {
            long value = lo + (hi - lo) / 2;
            return new Estimate(value, Math.max(value - lo, hi - value));
        }

        /** The middle of {@code edge} cut to {@code [notBefore, notAfter]}. */
        static Estimate middleOf(Bounds.Edge edge, long notBefore, long notAfter) {
            long lo = Math.max(edge.lo(), notBefore);
            long hi = Math.max(lo, Math.min(edge.hi(), notAfter));
            return middleOf(lo, hi);
        }
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
