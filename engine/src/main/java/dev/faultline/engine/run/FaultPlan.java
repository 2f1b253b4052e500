package dev.faultline.engine.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.faultline.engine.model.FaultSpec;

/**
 * When each fault is injected and reverted, counted from the start of the load: at {@code at}, and (for a window)
 * {@code duration} later. A revert due at the same instant as an inject goes first, so two faults back to back
 * never overlap.
 */
final class FaultPlan {
    /** Inject or revert fault {@code index} at {@code offsetNanos} after the start. */
    record Action(long offsetNanos, int index, boolean inject) {
    }

    private final List<Action> actions;

    FaultPlan(List<FaultSpec> faults) {
        List<Action> plan = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            FaultSpec spec = faults.get(i);
            long at = spec.at().toNanos();
            plan.add(new Action(at, i, true));
            if (spec.duration() != null) {
                plan.add(new Action(at + spec.duration().toNanos(), i, false));
            }
        }
        plan.sort(Comparator.comparingLong(Action::offsetNanos).thenComparing(a -> a.inject() ? 1 : 0));
        this.actions = List.copyOf(plan);
    }

    List<Action> actions() {
        return actions;
    }

    /**
     * Carries the plan out on {@code faults}, each action at its time after {@code startNanos}
     * ({@link System#nanoTime()}); returns early, without a further action, once {@code stopping} holds.
     */
    void run(FaultDriver faults, long startNanos, BooleanSupplier stopping)
            throws InterruptedException, FaultDriver.FaultNotTakenException {
        for (Action action : actions) {
            if (!Poll.untilTime(startNanos + action.offsetNanos(), stopping)) {
                return;
            }
            if (action.inject()) {
                faults.inject(action.index(), stopping);
            } else {
                faults.revert(action.index());
            }
        }
    }
}
