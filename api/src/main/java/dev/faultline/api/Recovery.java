package dev.faultline.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code recovery} objective: the steady state is back within a bound of the fault ending, and stays so.
 *
 * <pre>{@code
 * Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3))
 * Objectives.recovery(ofSeconds(3)).judgedOnMeasuredValue()
 * }</pre>
 *
 * <p>The recovery time is judged with its bound: by default the figure plus its bound must be within the limit.
 */
public final class Recovery extends SectionObjective {
    Recovery(Settings fields) {
        super("recovery", fields);
    }

    /** {@code stable-for}: how long the steady state must hold to count as recovered. */
    public Recovery stableFor(Duration stableFor) {
        return new Recovery(fields.with("stable-for", Objects.requireNonNull(stableFor, "stableFor")));
    }

    /**
     * {@code judge-on: measured}: the measured recovery time alone must be within the limit, not the figure plus its
     * bound. A figure whose bound straddles the limit still says so.
     */
    public Recovery judgedOnMeasuredValue() {
        return new Recovery(fields.with("judge-on", "measured"));
    }
}
