package dev.faultline.api;

import java.util.Map;

/**
 * One section of a scenario's {@code objectives:}, typed, from {@link Objectives}. Its fields are checked when the
 * scenario is built, by the objective type's own code, with the messages a scenario file gets.
 *
 * <pre>{@code
 * ObjectiveDefinition recovery = Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3));
 * }</pre>
 */
public interface ObjectiveDefinition {
    /** The section's key: {@code recovery}, {@code slo}, ... */
    String section();

    /** The section's fields as the loader takes them, in the order given. */
    Map<String, Object> fields();
}
