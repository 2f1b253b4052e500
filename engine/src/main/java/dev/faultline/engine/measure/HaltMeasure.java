package dev.faultline.engine.measure;

import java.util.List;

/**
 * A {@code halt-when} condition that held, and how fast the harness got every fault out. Times are ms on the
 * timeline clock.
 *
 * @param probe                 the probe the condition watched
 * @param condition             what held, e.g. {@code probe api-ready failing for 3.05s (limit 3s)}
 * @param conditionTrueAt       when the condition became true: the first failing sample of the streak plus
 *                              {@code failing-for}
 * @param lastRevertedAt        when the last fault in force at the halt was reverted
 * @param revertLatencyMs       {@code lastRevertedAt - conditionTrueAt}: sampling, the probe's {@code within} and the
 *                              reverts themselves
 * @param reverted              the faults that were in force and were reverted by the halt
 * @param revertLatencyBoundMs  the bound of {@code revertLatencyMs}: how far the streak's true start may lie from its
 *                              first failing sample (see {@link Bounds}); null when not known
 */
public record HaltMeasure(String probe, String condition, long conditionTrueAt, long lastRevertedAt,
                          long revertLatencyMs, List<String> reverted, Long revertLatencyBoundMs) {
    public HaltMeasure {
        reverted = List.copyOf(reverted);
    }

    /** Without a bound (a run measured before bounds were kept). */
    public HaltMeasure(String probe, String condition, long conditionTrueAt, long lastRevertedAt,
                       long revertLatencyMs, List<String> reverted) {
        this(probe, condition, conditionTrueAt, lastRevertedAt, revertLatencyMs, reverted, null);
    }
}
