package dev.faultline.engine.measure;

import java.util.List;

/**
 * A {@code halt-when} condition that held, and how fast the harness got every fault out. Times are ms on the
 * timeline clock.
 *
 * @param probe            the probe the condition watched
 * @param condition        what held, e.g. {@code probe api-ready failing for 3.05s (limit 3s)}
 * @param conditionTrueAt  when the condition became true: the first failing sample of the streak plus
 *                         {@code failing-for}
 * @param lastRevertedAt   when the last fault in force at the halt was reverted
 * @param revertLatencyMs  {@code lastRevertedAt - conditionTrueAt}: sampling, the probe's {@code within} and the
 *                         reverts themselves
 * @param reverted         the faults that were in force and were reverted by the halt
 */
public record HaltMeasure(String probe, String condition, long conditionTrueAt, long lastRevertedAt,
                          long revertLatencyMs, List<String> reverted) {
    public HaltMeasure {
        reverted = List.copyOf(reverted);
    }
}
