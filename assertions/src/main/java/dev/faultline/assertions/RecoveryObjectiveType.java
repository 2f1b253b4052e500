package dev.faultline.assertions;

import java.time.Duration;

import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;
import dev.faultline.engine.spi.StabilityRequirement;

/**
 * Reads {@code objectives.recovery}: {@code within} (required), {@code stable-for} (default
 * {@link StabilityRequirement#DEFAULT_STABLE_FOR}, 3s), {@code judge-on} ({@code bound}, the default, or
 * {@code measured}: see {@link TimeLimit}).
 */
public final class RecoveryObjectiveType implements ObjectiveType {
    @Override
    public String key() {
        return "recovery";
    }

    @Override
    public Objective configure(Params section, Topology topology) {
        section.allowOnly("within", "stable-for", "judge-on");
        Duration within = ObjectiveParams.notNegativeDuration(section, "within")
                .orElseThrow(() -> section.invalid("within", "is required: how soon after a fault every probe must "
                        + "pass again, e.g. within: 15s"));
        Duration stableFor = ObjectiveParams.notNegativeDuration(section, "stable-for")
                .orElse(StabilityRequirement.DEFAULT_STABLE_FOR);
        TimeLimit.Judging judging = section.string("judge-on").map(v -> judging(section, v))
                .orElse(TimeLimit.Judging.BOUND);
        return new RecoveryObjective(within, stableFor, judging);
    }

    private static TimeLimit.Judging judging(Params section, String value) {
        for (TimeLimit.Judging j : TimeLimit.Judging.values()) {
            if (j.yamlName().equals(value)) {
                return j;
            }
        }
        throw section.invalid("judge-on", "expected one of bound, measured but was '" + Excerpt.of(value) + "'");
    }
}
