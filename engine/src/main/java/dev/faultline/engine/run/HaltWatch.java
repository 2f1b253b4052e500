package dev.faultline.engine.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Watches the probe samples named by {@code halt-when}; the first time one has been failing for its
 * {@code failing-for}, calls {@code onHalt} once with a description and the time the condition became true.
 */
final class HaltWatch implements Consumer<TimelineEvent> {
    private final List<HaltCondition> conditions;
    private final Map<String, Long> failingSince = new HashMap<>();
    private final HaltHandler onHalt;
    private boolean fired;

    interface HaltHandler {
        void halt(String why, long conditionTrueAt);
    }

    HaltWatch(List<HaltCondition> conditions, HaltHandler onHalt) {
        this.conditions = conditions;
        this.onHalt = onHalt;
    }

    @Override
    public synchronized void accept(TimelineEvent event) {
        if (fired || !(event instanceof TimelineEvent.Sample s) || !s.lane().startsWith("probe:")) {
            return;
        }
        String probe = s.lane().substring("probe:".length());
        if (s.ok()) {
            failingSince.remove(probe);
            return;
        }
        long since = failingSince.merge(probe, s.t(), Math::min);
        for (HaltCondition c : conditions) {
            if (c.probe().equals(probe) && s.t() - since >= c.failingFor().toMillis()) {
                fired = true;
                onHalt.halt("halt-when: probe " + probe + " failing for " + (s.t() - since) + " ms (limit "
                        + c.failingFor().toMillis() + " ms)", since + c.failingFor().toMillis());
                return;
            }
        }
    }
}
