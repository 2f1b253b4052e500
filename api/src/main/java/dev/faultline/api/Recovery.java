package dev.faultline.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code recovery} objective: the steady state is back within a bound of the fault ending, and stays so.
 *
 * <pre>{@code
 * Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3))
 * }</pre>
 */
public final class Recovery extends SectionObjective {
    Recovery(Settings fields) {
        super("recovery", fields);
    }

    /** {@code stable-for}: how long the steady state must hold to count as recovered. */
    public Recovery stableFor(Duration stableFor) {
        return new Recovery(fields.with("stable-for", Objects.requireNonNull(stableFor, "stableFor")));
    }
}
