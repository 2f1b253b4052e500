package dev.faultline.engine.measure;

/**
 * A probe lane's <i>answer allowance</i>, its normal answer time: the longest latency of its last {@value #KEPT}
 * passing samples that followed a passing one, plus 1 ms for the whole-millisecond clock; 0 while none is known. The
 * last few, not more: an answer slowed by a fault's own Docker call a moment ago says nothing of how the lane answers
 * now. The bounds ({@link Bounds}) judge a request answered within it as served at once, and the sampler stops
 * confirming a return ({@code dev.faultline.engine.run.Sampler}) once a new request is.
 */
public final class AnswerAllowance {
    public static final int KEPT = 3;

    private final long[] latencies = new long[KEPT];
    private int kept;
    private int next;

    /** Takes the latency (ms) of a passing sample that followed a passing one. */
    public void add(long latencyMs) {
        latencies[next] = Math.max(0, latencyMs);
        next = (next + 1) % KEPT;
        kept = Math.min(kept + 1, KEPT);
    }

    /** The allowance in ms; 0 when no passing sample has followed a passing one yet. */
    public long ms() {
        if (kept == 0) {
            return 0;
        }
        long max = 0;
        for (int i = 0; i < kept; i++) {
            max = Math.max(max, latencies[i]);
        }
        return max + 1;
    }
}
