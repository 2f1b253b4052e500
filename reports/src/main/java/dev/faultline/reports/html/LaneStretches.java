package dev.faultline.reports.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.faultline.engine.timeline.TimelineEvent;

/**
 * One lane's samples as stretches to draw: consecutive samples of the same state merge into one stretch (from the
 * time the first takes effect to the time the next state does), and stretches narrower than a drawing unit merge
 * with their narrow neighbours, so a lane never holds more stretches than the chart has room for, however long the
 * run. A merged stretch of both states is {@link State#MIXED}.
 */
final class LaneStretches {
    /** A stretch narrower than this many drawing units merges with narrow neighbours. */
    static final double MIN_UNITS = 1.0;

    enum State {
        HEALTHY("healthy"), FAILING("failing"), MIXED("mixed");

        private final String css;

        State(String css) {
            this.css = css;
        }

        String css() {
            return css;
        }
    }

    /**
     * One stretch: {@code [fromMs, toMs)}, the samples in it of each state, and the detail of its first failing
     * sample (null when none failed or it said nothing).
     */
    record Stretch(State state, long fromMs, long toMs, int healthySamples, int failingSamples, String detail) {
        long lengthMs() {
            return toMs - fromMs;
        }

        Stretch join(Stretch next) {
            int healthy = healthySamples + next.healthySamples;
            int failing = failingSamples + next.failingSamples;
            State joined = healthy == 0 ? State.FAILING : failing == 0 ? State.HEALTHY : State.MIXED;
            return new Stretch(joined, fromMs, next.toMs, healthy, failing, detail != null ? detail : next.detail);
        }
    }

    private LaneStretches() {
    }

    /**
     * The stretches of one lane's {@code samples} (any order). A sample lasts until the next one takes effect; the
     * last one, and one followed by a gap of more than five sampling periods, lasts one period ({@code everyMs}), and
     * none lasts past {@code endMs}.
     *
     * @param msPerUnit how many milliseconds a drawing unit covers (the merging resolution)
     */
    static List<Stretch> of(List<TimelineEvent.Sample> samples, long everyMs, long endMs, double msPerUnit) {
        return mergeNarrow(runs(samples, everyMs, endMs), MIN_UNITS * msPerUnit);
    }

    /** Consecutive samples of one state as one stretch each. */
    static List<Stretch> runs(List<TimelineEvent.Sample> samples, long everyMs, long endMs) {
        List<TimelineEvent.Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(TimelineEvent.Sample::effectiveTime));
        long period = Math.max(1, everyMs);
        long gap = Math.max(5 * period, 1_000);
        List<Stretch> out = new ArrayList<>();
        Stretch open = null;
        long last = 0;
        for (TimelineEvent.Sample s : sorted) {
            long at = Math.min(s.effectiveTime(), endMs);
            State state = s.ok() ? State.HEALTHY : State.FAILING;
            String detail = s.ok() || s.detail() == null || s.detail().isEmpty() ? null : s.detail();
            if (open != null && at - last > gap) {
                out.add(close(open, Math.min(last + period, endMs)));
                open = null;
            }
            if (open != null && open.state() == state) {
                open = new Stretch(state, open.fromMs(), at, open.healthySamples() + (s.ok() ? 1 : 0),
                        open.failingSamples() + (s.ok() ? 0 : 1), open.detail() != null ? open.detail() : detail);
            } else {
                if (open != null) {
                    out.add(close(open, at));
                }
                open = new Stretch(state, at, at, s.ok() ? 1 : 0, s.ok() ? 0 : 1, detail);
            }
            last = at;
        }
        if (open != null) {
            out.add(close(open, Math.min(last + period, endMs)));
        }
        return out;
    }

    private static Stretch close(Stretch s, long toMs) {
        return new Stretch(s.state(), s.fromMs(), Math.max(s.fromMs(), toMs), s.healthySamples(), s.failingSamples(),
                s.detail());
    }

    /** Narrow stretches joined with the narrow ones right after them; wide ones kept as they are. */
    static List<Stretch> mergeNarrow(List<Stretch> runs, double minMs) {
        List<Stretch> out = new ArrayList<>();
        boolean lastNarrow = false;
        for (Stretch s : runs) {
            boolean narrow = s.lengthMs() < minMs;
            Stretch previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (narrow && lastNarrow && previous.toMs() == s.fromMs()) {
                out.set(out.size() - 1, previous.join(s));
            } else {
                out.add(s);
            }
            lastNarrow = narrow;
        }
        return out;
    }
}
