package dev.faultline.engine.spi;

import java.time.Duration;
import java.util.Objects;

import dev.faultline.engine.model.Scenario;

/**
 * Implemented by the objective that says how long every probe must pass before a fault counts as recovered
 * ({@code recovery.stable-for}). The runner and the reports measure recovery with {@link #resolve(Scenario)}.
 */
public interface StabilityRequirement {
    /** Used when no objective of the scenario states a stable-for. */
    Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(1);

    /** How long every probe must pass without a break for the steady state to count as restored. */
    Duration stableFor();

    /** The stable-for of the scenario's first objective that states one, else {@link #DEFAULT_STABLE_FOR}. */
    static Duration resolve(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        return scenario.objectives().stream()
                .filter(StabilityRequirement.class::isInstance)
                .map(o -> ((StabilityRequirement) o).stableFor())
                .findFirst()
                .orElse(DEFAULT_STABLE_FOR);
    }
}
