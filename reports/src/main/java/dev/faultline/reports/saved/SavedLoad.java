package dev.faultline.reports.saved;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The load's own figures as {@code result.json} saved them; latencies are null when nothing was answered,
 * {@code startedAtMs}/{@code endedAtMs}/{@code drainedAtMs} are -1 when never.
 */
public record SavedLoad(long sent, long accepted, double errorRate, Long p50Ms, Long p95Ms, Long p99Ms,
                        double throughputPerSec, long startedAtMs, long endedAtMs, long drainedAtMs) {
    static SavedLoad of(JsonNode l) {
        return new SavedLoad(l.path("sent").asLong(), l.path("accepted").asLong(), l.path("errorRate").asDouble(),
                SavedRun.millis(l, "p50Ms"), SavedRun.millis(l, "p95Ms"), SavedRun.millis(l, "p99Ms"),
                l.path("throughputPerSec").asDouble(), l.path("startedAtMs").asLong(-1),
                l.path("endedAtMs").asLong(-1), l.path("drainedAtMs").asLong(-1));
    }
}
