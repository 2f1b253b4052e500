package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import dev.faultline.engine.timeline.TimelineEvent.Sample;

/**
 * Where the true moment of each steady-state transition lies, from the samples on each side of it; every time
 * figure's bound ({@code timeToDetectBoundMs}, {@code recoveryBoundMs}, {@code outageBoundMs},
 * {@code revertLatencyBoundMs}) is made of these spans. The true value of a figure lies within plus or minus its
 * bound of the figure.
 *
 * <p><b>What a sample shows.</b> A passing sample (sent at {@code t}, answered at {@code a}): the lane was served at
 * some moment in {@code [t, a]}. A failing sample sent at {@code t}: the lane did not serve a request sent at
 * {@code t}; when no answer came at all (timeout, refused, reset: {@code status 0}) it was still not served when the
 * harness gave up, {@code latencyMs} later (requests are served in the order they arrive, so nothing sent after it was
 * served before that either). The <i>answer allowance</i> of a lane is its normal answer time: the longest latency of
 * its last {@value #LATENCIES_KEPT} passing samples that followed a passing one, plus 1 ms for the whole-millisecond
 * clock.
 *
 * <p>A pass sent before a failing sample already taken (answered after it was sent) does not end that failure: it
 * only shows the lane was served at some moment before the failing request went out; it narrows the onset instead,
 * and its latency widens the onset's upper end (a request took that long to be served then).
 *
 * <p>A pass sent after a failing sample (in a later millisecond: within the same one the order is not known) and
 * answered before that sample's failure came back (the harness gave up on it, or its refusal, reset or wrong status
 * arrived) shows the requests were not served in the order sent (a proxy in between, a busy host, a request held up
 * in the service while later ones were served): that failure shows the lane down only by when it came back. One with
 * no answer at all that would begin a failure is taken as sent at that moment ({@link #asSeen}): it neither begins a
 * failure before the passes that overtook it nor ends when they are answered. One with a wrong status, the first of
 * its streak, keeps its place (the wrong answer was made at some moment before it arrived), and the onset's upper end
 * reaches to when it came back plus 1 ms.
 *
 * <p><b>Onset</b> (a failing sample after a passing one, placed at the failing sample's send time {@code f}): the
 * failure began after the last passing sample was sent and at the latest one answer allowance after {@code f} (a
 * request sent just before the failure may not have been served before it), or when the failure came back, if sooner
 * (refused, reset, a wrong status: the failure was there by then): {@code [t_pass, f + min(allowance, latency + 1)]}.
 * When Docker stopped an instance the lane asks (paused it, or its process died: {@link Stops}) after {@code t_pass}
 * was sent, the failure began by then: the span ends there + 1 ms at the latest, whatever later evidence shows.
 *
 * <p><b>Return</b> (a passing sample after failing ones, placed at its answer {@code a}): the lane served again after
 * the latest failure evidence (a failing sample's send time, or the moment the harness gave up on it when no answer
 * came) and by {@code a}: {@code [evidence, a + 1 ms]}. When the passing sample <i>waited</i> (it took longer than
 * the answer allowance: it was sent before the lane served again and was answered as soon as it did), the lane served
 * again no earlier than {@code a} minus the allowance; and it serves <i>new</i> requests again only once what piled
 * up while it was down is worked through, which the answer of the first passing sample sent at or after {@code a}
 * shows, or when that one waited too, the first such pass that did not: {@code [max(evidence, a - allowance),
 * max(a + allowance, that answer)]}. Not so when the failure just before came back at once with no answer
 * (refused, reset: within the answer allowance): nothing was held then, and what answers next may be a new process
 * whose answer time is not yet known, so a long answer shows no waiting and the return is {@code [evidence, a + 1]}.
 * Any return also reaches to the answers of the requests that piled up before it and were answered after it (a
 * service does not always answer what piled up in order; a new request may wait behind it): those sent before the
 * pass that made it was sent, or, when that pass waited, sent before it was answered (what a new request sent after
 * it waits for is a slowdown after the return, not part of it).
 *
 * <p>Each time figure is placed in the middle of the range its true value lies in, with half that range as its bound
 * ({@link SteadyState.Estimate}), every span cut to what the figure counts from (nothing fails before the injection;
 * nothing recovers before the recovery start). An outage's range is widened by the spans of the start and the end of
 * each violation it counts. The halt's revert latency is the harness's own, with the largest distance from the first
 * failing sample to its span as its bound. With several probes the span of a change is that of the sample which made
 * it. A failure shorter than the gap between two samples can be missed
 * altogether: no bound covers what no sample saw.
 */
final class Bounds {
    static final int LATENCIES_KEPT = 5;

    private Bounds() {
    }

    /**
     * One lane's samples in the order they take effect ({@link Sample#effectiveTime}), as they show the lane's
     * state: a failing sample with no answer at all ({@code status 0}) that would begin a failure (the lane passing
     * before it) but that a pass sent after it (in a later millisecond) overtook, answered before the harness gave up
     * on it or its connection was refused, reset or closed, was not served in the order sent; it shows the lane down
     * only when it came back, and is taken as sent then (with no latency): it neither begins a failure before the
     * passes that overtook it nor ends when they are answered. During a failure such a sample keeps its place (what
     * piled up while a service was frozen is not answered in order either).
     */
    static List<Sample> asSeen(List<Sample> samples) {
        List<Sample> bySent = new ArrayList<>(samples);
        bySent.sort(Comparator.comparingLong(Sample::t));
        List<Sample> inEffect = new ArrayList<>(bySent);
        inEffect.sort(Comparator.comparingLong(Sample::effectiveTime)); // stable: at the same time, sent later last
        PriorityQueue<Sample> cameBack = new PriorityQueue<>(Comparator.comparingLong(Sample::t));
        List<Sample> out = new ArrayList<>(inEffect.size());
        boolean passing = true;
        long lastFailSent = Long.MIN_VALUE;
        int i = 0;
        while (i < inEffect.size() || !cameBack.isEmpty()) {
            if (i == inEffect.size() || (!cameBack.isEmpty() && cameBack.peek().t() < inEffect.get(i).effectiveTime())) {
                Sample late = cameBack.poll();
                out.add(late);
                passing = false;
                lastFailSent = Math.max(lastFailSent, late.t());
                continue;
            }
            Sample s = inEffect.get(i++);
            long back = s.t() + Math.max(0, s.latencyMs());
            if (!s.ok() && s.status() == 0 && passing && overtakenBeforeItCameBack(bySent, s, back)) {
                cameBack.add(new Sample(back, s.lane(), false, 0, 0, s.detail(), s.extra()));
                continue;
            }
            out.add(s);
            if (!s.ok()) {
                passing = false;
                lastFailSent = Math.max(lastFailSent, s.t());
            } else if (s.t() >= lastFailSent) { // a pass sent before a failure already seen ends nothing
                passing = true;
            }
        }
        return out;
    }

    /** Whether a pass sent after {@code failed} (in a later ms) was answered before {@code cameBack}. */
    private static boolean overtakenBeforeItCameBack(List<Sample> bySent, Sample failed, long cameBack) {
        int lo = 0;
        int hi = bySent.size();
        while (lo < hi) { // the first sample sent in a later millisecond
            int mid = (lo + hi) >>> 1;
            if (bySent.get(mid).t() <= failed.t()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int j = lo; j < bySent.size() && bySent.get(j).t() < cameBack; j++) {
            Sample later = bySent.get(j);
            if (later.ok() && later.effectiveTime() < cameBack) {
                return true;
            }
        }
        return false;
    }

    /**
     * The true transition lies in {@code [lo(), hi()]} (timeline ms). The upper end of a return after a waiting pass
     * is only known once a later sample confirms it ({@link LaneEvidence}), so it can still grow while the lane's
     * samples are read.
     */
    static class Edge {
        private long lo;
        private long hi;
        /** The transition certainly happened by then ({@link #capAt}): no later evidence widens the span past it. */
        private long cap = Long.MAX_VALUE;

        Edge(long lo, long hi) {
            this.lo = lo;
            this.hi = hi;
        }

        long lo() {
            return lo;
        }

        long hi() {
            return hi;
        }

        void widenTo(long upper) {
            hi = Math.max(hi, Math.min(upper, cap));
        }

        /** The transition certainly happened by {@code by}: the span ends there at the latest, never before its start. */
        void capAt(long by) {
            cap = Math.min(cap, Math.max(lo, by));
            hi = Math.min(hi, cap);
        }

        void narrowFrom(long lower) {
            lo = Math.max(lo, Math.min(lower, hi));
        }

        /** The span covering both (null counts as none); a combination follows later changes of either. */
        static Edge widest(Edge a, Edge b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return new Edge(Math.min(a.lo(), b.lo()), Long.MIN_VALUE) {
                @Override
                long hi() {
                    return Math.max(a.hi(), b.hi());
                }
            };
        }

        /** The largest distance from {@code placed} to this span cut to {@code [notBefore, notAfter]}. */
        long bound(long placed, long notBefore, long notAfter) {
            long l = Math.max(lo(), notBefore);
            long h = Math.min(hi(), notAfter);
            return Math.max(0, Math.max(placed - l, h - placed));
        }

        @Override
        public String toString() {
            return "[" + lo() + ", " + hi() + "]";
        }
    }

    /** One lane's samples in the order they take effect, giving the span of each transition. */
    static final class LaneEvidence {
        /** When Docker stopped an instance the lane asks (paused it, or its process died), ascending. */
        private final long[] stops;
        private final long[] latencies = new long[LATENCIES_KEPT];
        private int kept;
        private int next;
        private Boolean lastOk;
        private long lastPassSent = Long.MIN_VALUE;
        private long lastFailSent = Long.MIN_VALUE;
        private Edge streak;
        private long failedUntil = Long.MIN_VALUE;
        /** The latest return, while requests that piled up before it may still be answered. */
        private Edge lastReturn;
        /**
         * Requests sent before this (timeline ms) piled up before the latest return: sent before the pass that made
         * it; after a waiting pass, before its answer, and then before the new request that confirmed it.
         */
        private long piledUpBefore;
        /** The latest return was placed at a waiting pass, and no new request sent after it has confirmed it yet. */
        private boolean unconfirmed;
        private long unconfirmedAllowance;
        private long streakStart;
        /** When the streak's first failing sample came back: its answer, or the moment the harness gave up on it. */
        private long streakFailedAt;
        /** The latest failing sample came back at once with no answer (refused, reset): nothing was held then. */
        private boolean lastFailAtOnce;

        /** @param stops when Docker stopped an instance the lane asks (timeline ms, ascending): see {@link Stops} */
        LaneEvidence(long[] stops) {
            this.stops = stops;
        }

        /**
         * Whether {@code s} is a pass sent before a failing sample already taken: its answer only shows the lane was
         * served at some moment before that failing request was sent, so it does not end the failure; it narrows when
         * the failure began ({@link #narrow}) instead.
         */
        boolean stale(Sample s) {
            return s.ok() && s.t() < lastFailSent;
        }

        /**
         * Takes a {@linkplain #stale stale} pass: when it was sent before the failing streak began, the failure began
         * after it was sent; one sent during the streak shows nothing about its start.
         */
        void narrow(Sample s) {
            lastPassSent = Math.max(lastPassSent, s.t());
            overtaken(s);
            if (streak != null && Boolean.FALSE.equals(lastOk) && s.t() < streakStart) {
                streak.narrowFrom(s.t());
                // it took this long to be served: a request sent when the failure was seen may have been on its way
                streak.widenTo(streakStart + Math.max(0, s.latencyMs()));
            }
        }

        /**
         * Takes the next sample; returns the span of its transition: for a failing sample that of its streak's start,
         * for the pass that ends a failure that of the return; null for any other pass.
         */
        Edge add(Sample s) {
            Edge edge = null;
            if (unconfirmed && s.ok() && s.t() >= piledUpBefore) {
                lastReturn.widenTo(s.effectiveTime() + 1); // + 1: the whole-millisecond clock
                if (s.latencyMs() <= unconfirmedAllowance) {
                    // a new request answered without waiting: the lane serves new requests again, and what was sent
                    // before it still counts
                    unconfirmed = false;
                    piledUpBefore = s.t();
                }
            }
            if (!s.ok()) {
                lastReturn = null;
                unconfirmed = false;
                if (lastOk == null || lastOk) {
                    // had it been served normally it would have been by one allowance after it was sent; a failure
                    // that came sooner (refused, reset, a wrong status) shows the failure was there by then
                    long by = Math.min(Math.max(1, allowance()), Math.max(0, s.latencyMs()) + 1);
                    streak = new Edge(lastOk == null ? Long.MIN_VALUE : lastPassSent, s.t() + by);
                    capByStop(streak);
                    streakStart = s.t();
                    streakFailedAt = s.t() + Math.max(0, s.latencyMs());
                    failedUntil = Long.MIN_VALUE;
                }
                failedUntil = Math.max(failedUntil, s.status() == 0 ? s.t() + Math.max(0, s.latencyMs()) : s.t());
                lastFailAtOnce = s.status() == 0 && Math.max(0, s.latencyMs()) + 1 <= Math.max(1, allowance());
                lastFailSent = Math.max(lastFailSent, s.t());
                edge = streak;
            } else {
                long a = s.effectiveTime();
                if (Boolean.FALSE.equals(lastOk)) {
                    overtaken(s);
                    long allowance = allowance();
                    // after a refusal or a reset nothing was held; a new process's answer time is not yet known
                    boolean waited = allowance > 0 && s.latencyMs() > allowance && !lastFailAtOnce;
                    long lo = Math.min(a, waited ? Math.max(failedUntil, a - allowance) : failedUntil);
                    edge = new Edge(lo, waited ? a + allowance : a + 1);
                    lastReturn = edge;
                    piledUpBefore = waited ? a : s.t();
                    unconfirmed = waited;
                    unconfirmedAllowance = allowance;
                } else if (lastReturn != null && s.t() < piledUpBefore) {
                    // sent before the return, answered after it: what piled up while the lane was down is still
                    // being worked through, and a new request may wait behind it until then
                    lastReturn.widenTo(a + 1);
                } else {
                    if (lastOk != null) {
                        latencies[next] = Math.max(0, s.latencyMs());
                        next = (next + 1) % LATENCIES_KEPT;
                        kept = Math.min(kept + 1, LATENCIES_KEPT);
                    }
                }
                lastPassSent = Math.max(lastPassSent, s.t());
            }
            lastOk = s.ok();
            return edge;
        }

        /**
         * A pass sent after the streak's first failing sample (in a later ms) and answered before that failure came
         * back: the requests were not served in the order sent, so that failure shows the lane down only by when it
         * came back. (A failure with no answer at all that would begin a streak is moved to that moment before it gets
         * here: {@link #asSeen}.)
         */
        private void overtaken(Sample pass) {
            if (streak != null && pass.t() > streakStart && pass.effectiveTime() < streakFailedAt) {
                streak.widenTo(streakFailedAt + 1); // + 1: the whole-millisecond clock
            }
        }

        /**
         * An instance the lane asks was stopped by Docker (paused, or its process died) after the last pass was sent:
         * every request the lane sends fails from then on, so the failure began by then (+ 1 ms: the whole-millisecond
         * clock), however long a request took to be served before.
         */
        private void capByStop(Edge onset) {
            for (long stop : stops) {
                if (stop >= onset.lo()) {
                    onset.capAt(stop + 1);
                    return;
                }
            }
        }

        /** The lane's normal answer time plus 1 ms; 0 when no passing sample has followed a passing one yet. */
        private long allowance() {
            if (kept == 0) {
                return 0;
            }
            long max = 0;
            for (int i = 0; i < kept; i++) {
                max = Math.max(max, latencies[i]);
            }
            return max + 1;
        }
    }
}
