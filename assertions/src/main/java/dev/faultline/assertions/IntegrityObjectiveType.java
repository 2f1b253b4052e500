package dev.faultline.assertions;

import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code objectives.integrity}: {@code lost}, {@code duplicated} (default 0 each), {@code rpo} (optional),
 * {@code state-agrees} (default true: agents with a {@code state} endpoint must agree with the ledger).
 */
public final class IntegrityObjectiveType implements ObjectiveType {
    @Override
    public String key() {
        return "integrity";
    }

    @Override
    public Objective configure(Params section, Topology topology) {
        section.allowOnly("lost", "duplicated", "rpo", "state-agrees");
        long lost = ObjectiveParams.notNegative(section, "lost").orElse(0L);
        long duplicated = ObjectiveParams.notNegative(section, "duplicated").orElse(0L);
        boolean stateAgrees = section.bool("state-agrees").orElse(true);
        return new IntegrityObjective(lost, duplicated, ObjectiveParams.notNegativeDuration(section, "rpo").orElse(null),
                stateAgrees);
    }
}
