package dev.faultline.engine.measure;

/**
 * One probe lane's figures for one fault, measured as if it were the only probe (see {@link FaultMeasure}).
 *
 * @param lane           {@code probe:<name>}
 * @param timeToDetectMs injection to this lane's first failing sample; null if it did not fail before recovering
 * @param recoveryMs     recovery start to the start of this lane's first stable stretch; null if not recovered
 * @param recovered      whether such a stretch was seen
 * @param outageMs       time this lane failed between injection and its recovery point (or the last sample)
 */
public record ProbeMeasure(String lane, Long timeToDetectMs, Long recoveryMs, boolean recovered, long outageMs) {
}
