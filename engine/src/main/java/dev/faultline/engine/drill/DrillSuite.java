package dev.faultline.engine.drill;

import java.util.List;
import java.util.Objects;

import dev.faultline.engine.model.Scenario;

/**
 * A drill with its scenarios loaded and checked, in run order; each scenario already carries the drill's probe halt
 * conditions after its own.
 */
public record DrillSuite(Drill drill, List<Scenario> scenarios) {
    public DrillSuite {
        Objects.requireNonNull(drill, "drill");
        scenarios = List.copyOf(scenarios);
    }
}
