package dev.faultline.assertions;

import java.util.List;

import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code objectives.containment}: {@code may-degrade} and {@code must-stay-healthy} (services of the
 * topology) and {@code max-cascade-depth} (0 or more); each optional, only those given are checked.
 */
public final class ContainmentObjectiveType implements ObjectiveType {
    @Override
    public String key() {
        return "containment";
    }

    @Override
    public Objective configure(Params section, Topology topology) {
        section.allowOnly("may-degrade", "must-stay-healthy", "max-cascade-depth");
        List<String> mayDegrade = ObjectiveParams.services(section, "may-degrade", topology).orElse(null);
        List<String> mustStayHealthy = ObjectiveParams.services(section, "must-stay-healthy", topology).orElse(null);
        if (mayDegrade != null && mustStayHealthy != null) {
            for (String s : mustStayHealthy) {
                if (mayDegrade.contains(s)) {
                    throw section.invalid("must-stay-healthy", "'" + Excerpt.of(s) + "' is also listed in may-degrade; a service "
                            + "may degrade or must stay healthy, not both");
                }
            }
        }
        Integer depth = ObjectiveParams.notNegative(section, "max-cascade-depth")
                .map(d -> {
                    if (d > Integer.MAX_VALUE) {
                        throw section.invalid("max-cascade-depth", "must be at most " + Integer.MAX_VALUE
                                + ", but was " + d);
                    }
                    return d.intValue();
                })
                .orElse(null);
        return new ContainmentObjective(mayDegrade, mustStayHealthy, depth);
    }
}
