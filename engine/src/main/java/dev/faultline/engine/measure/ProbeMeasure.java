package dev.faultline.engine.measure;

/**
 * One probe lane's figures for one fault, measured as if it were the only probe (see {@link FaultMeasure}), each
 * with its bound: the true value lies within plus or minus the bound of the figure (see {@link Bounds}).
 *
 * @param lane                {@code probe:<name>}
 * @param timeToDetectMs      injection to the start of this lane's first failure (placed as the fault's is); null if it did not fail before recovering
 * @param recoveryMs          recovery start to the start of this lane's first stable stretch; null if not recovered
 * @param recovered           whether such a stretch was seen
 * @param outageMs            time this lane failed between injection and its recovery point (or the last sample)
 * @param timeToDetectBoundMs the bound of {@code timeToDetectMs}; null with it, or when not known
 * @param recoveryBoundMs     the bound of {@code recoveryMs}; null with it, or when not known
 * @param outageBoundMs       the bound of {@code outageMs}; null when not known
 */
public record ProbeMeasure(String lane, Long timeToDetectMs, Long recoveryMs, boolean recovered, long outageMs,
                           Long timeToDetectBoundMs, Long recoveryBoundMs, Long outageBoundMs) {

    /** Figures without bounds (a run measured before bounds were kept). */
    public ProbeMeasure(String lane, Long timeToDetectMs, Long recoveryMs, boolean recovered, long outageMs) {
        this(lane, timeToDetectMs, recoveryMs, recovered, outageMs, null, null, null);
    }
}
