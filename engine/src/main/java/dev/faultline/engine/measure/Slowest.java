package dev.faultline.engine.measure;

/**
 * Which of two time figures is a run's slowest (its slowest time to detect, its RTO): the larger one; of two as large,
 * the one with the wider bound, so the slowest figure is shown with the most doubt there is about it (an unknown bound
 * counts as the narrowest). The one rule of the terminal summary, the suite reports and the history.
 */
public final class Slowest {
    private Slowest() {
    }

    /** Whether {@code ms ± boundMs} is slower than {@code thanMs ± thanBoundMs}. */
    public static boolean slower(long ms, Long boundMs, long thanMs, Long thanBoundMs) {
        if (ms != thanMs) {
            return ms > thanMs;
        }
        return boundMs != null && (thanBoundMs == null || boundMs > thanBoundMs);
    }
}
