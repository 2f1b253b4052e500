package dev.faultline.engine.spi;

import java.time.Duration;
import java.util.Objects;

import dev.faultline.engine.model.Scenario;

/**
 * Implemented by the objective that says how long every probe must pass before a fault counts as recovered
 * ({@code recovery.stable-for}). The runner and the reports measure recovery with {@link #resolve(Scenario)}.
 */
public interface StabilityRequirement {
    /**
     * The one default: used by {@code recovery} when it states no {@code stable-for}, and by the run's figures when
     * no objective of the scenario states one.
     */
    Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(3);

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
