package dev.faultline.engine.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Watches the probe samples named by {@code halt-when}; the first time one has been failing for its
 * {@code failing-for} (a failing sample at least that long after the first failing sample of a streak with no
 * passing sample between them), calls {@code onHalt} once with the probe, a description and the time the
 * condition became true (the streak's first failing sample plus {@code failing-for}). Samples may arrive out of
 * order (a timed-out request is answered later than a quick one sent after it): a streak is judged by sample
 * time, not by arrival; a failing sample's time is when it was sent, a passing one's when its answer came, and a pass
 * sent before a failing sample of the streak ends nothing (see {@code Bounds} in measure).
 */
final class HaltWatch implements Consumer<TimelineEvent> {
    private final List<HaltCondition> conditions;
    private final Map<String, Long> lastPassing = new HashMap<>();
    private final Map<String, TreeSet<Long>> failingAfterLastPass = new HashMap<>();
    private final HaltHandler onHalt;
    private boolean fired;

    interface HaltHandler {
        void halt(String probe, String why, long conditionTrueAt);
    }

    HaltWatch(List<HaltCondition> conditions, HaltHandler onHalt) {
        this.conditions = conditions;
        this.onHalt = onHalt;
    }

    @Override
    public synchronized void accept(TimelineEvent event) {
        if (fired || !(event instanceof TimelineEvent.Sample s) || !s.lane().isProbe()) {
            return;
        }
        String probe = s.lane().name();
        TreeSet<Long> failing = failingAfterLastPass.computeIfAbsent(probe, k -> new TreeSet<>());
        long passedAt = lastPassing.getOrDefault(probe, Long.MIN_VALUE);
        if (s.ok()) {
            long answeredAt = s.effectiveTime(); // a pass counts from its answer, as in measuring
            if (answeredAt > s.t() && !failing.subSet(s.t(), false, answeredAt, false).isEmpty()) {
                return; // sent before a failure that went out before its answer came: it ends nothing, as in measuring
            }
            if (answeredAt > passedAt) {
                lastPassing.put(probe, answeredAt);
                failing.headSet(answeredAt, false).clear();
            }
            return;
        }
        if (s.t() <= passedAt) {
            return;
        }
        failing.add(s.t());
        long since = failing.first();
        long failingMs = failing.last() - since;
        for (HaltCondition c : conditions) {
            if (c.probe().equals(probe) && failingMs >= c.failingFor().toMillis()) {
                fired = true;
                String condition = "halt-when: probe " + probe + " failing for " + Durations.figure(failingMs)
                        + " (limit " + Durations.text(c.failingFor()) + ")";
                onHalt.halt(probe, condition, since + c.failingFor().toMillis());
                return;
            }
        }
    }
}
