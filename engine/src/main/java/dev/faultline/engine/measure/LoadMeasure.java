package dev.faultline.engine.measure;

/**
 * The load's own figures, from the ledger.
 *
 * @param sent             items submitted (including those the client refused as overloaded)
 * @param accepted         items answered 2xx
 * @param errorRate        {@code (sent - accepted) / sent}; 0 when nothing was sent
 * @param p50Ms            nearest-rank percentile of the latency of every answered item (an HTTP answer of any
 *                         status, or a transport error/timeout); null when nothing was answered
 * @param throughputPerSec accepted items per second of load ({@code loadEnd - loadStart}); 0 when unknown
 */
public record LoadMeasure(long sent, long accepted, double errorRate, Long p50Ms, Long p95Ms, Long p99Ms,
                          double throughputPerSec) {
}
