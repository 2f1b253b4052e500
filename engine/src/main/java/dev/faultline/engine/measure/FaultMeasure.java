package dev.faultline.engine.measure;

import java.util.Map;

/**
 * The figures of one fault. All times are milliseconds on the timeline clock; figures are null when the fault was
 * never injected ({@code injected == false}) or when what they measure did not happen.
 *
 * @param injectedAt     -1 if never injected
 * @param revertedAt     -1 if never reverted
 * @param timeToDetectMs injection to the start of the first failure before the recovery point: the middle of the span
 *                       in which it truly began, around the first failing probe sample (see {@link Bounds})
 * @param recoveryMs     recovery start (for instantaneous faults the last time they acted: the injection or the last
 *                       repeated crash; else the revert) to the start of the first stretch in which every probe
 *                       passes for stable-for, its start placed in the middle of the span of the return there;
 *                       null when not recovered
 * @param recoveredAt    that stretch's start on the timeline as seen (the answer that started it; windows end there);
 *                       null when not recovered
 * @param outageMs       time the steady state was violated between injection and the recovery point (or the last
 *                       sample when not recovered), the middle of the range the spans of its changes allow
 * @param probes         the same figures per probe lane ({@code probe:<name>}), in the scenario's order
 * @param load           the load's figures inside this fault's window (see {@link Measurements}); null when not
 *                       injected
 * @param timeToDetectBoundMs the bound of {@code timeToDetectMs}: the true value lies within plus or minus it (see
 *                       {@link Bounds}); null with the figure, or when not known
 * @param recoveryBoundMs the bound of {@code recoveryMs}; null with the figure, or when not known
 * @param outageBoundMs  the bound of {@code outageMs}; null with the figure, or when not known
 */
public record FaultMeasure(String name, String type, String target, boolean injected, long injectedAt,
                           long revertedAt, Long timeToDetectMs, Long recoveryMs, boolean recovered, Long recoveredAt,
                           Long outageMs, Map<String, ProbeMeasure> probes, LoadMeasure load,
                           Long timeToDetectBoundMs, Long recoveryBoundMs, Long outageBoundMs) {

    public FaultMeasure {
        probes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probes));
    }

    /** Figures without bounds (a run measured before bounds were kept). */
    public FaultMeasure(String name, String type, String target, boolean injected, long injectedAt, long revertedAt,
                        Long timeToDetectMs, Long recoveryMs, boolean recovered, Long recoveredAt, Long outageMs,
                        Map<String, ProbeMeasure> probes, LoadMeasure load) {
        this(name, type, target, injected, injectedAt, revertedAt, timeToDetectMs, recoveryMs, recovered, recoveredAt,
                outageMs, probes, load, null, null, null);
    }

    FaultMeasure withLoad(LoadMeasure figures) {
        return new FaultMeasure(name, type, target, injected, injectedAt, revertedAt, timeToDetectMs, recoveryMs,
                recovered, recoveredAt, outageMs, probes, figures, timeToDetectBoundMs, recoveryBoundMs,
                outageBoundMs);
    }
}
