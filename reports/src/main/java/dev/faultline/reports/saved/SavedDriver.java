package dev.faultline.reports.saved;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The load driver's own figures as {@code result.json}'s {@code load.driver} saved them (Gatling's statistics): its
 * totals, its report's path relative to the run's folder (null when it made none) and each second it ran. Latencies
 * are null when there was no OK request to measure.
 */
public record SavedDriver(String name, String simulation, String report, long requests, long ok, long ko, Long p50Ms,
                          Long p95Ms, Long p99Ms, List<Second> perSecond) {
    public SavedDriver {
        perSecond = List.copyOf(perSecond);
    }

    /** One second from {@code t} (ms since the run started): requests answered OK and KO, latencies of the OK ones. */
    public record Second(long t, long ok, long ko, Long p50Ms, Long p95Ms, Long p99Ms) {
    }

    /** The driver's figures, or null when {@code d} is not an object (the ledger driver, or an older result). */
    static SavedDriver of(JsonNode d) {
        if (!d.isObject()) {
            return null;
        }
        List<Second> seconds = new ArrayList<>();
        d.path("perSecond").forEach(s -> seconds.add(new Second(s.path("t").asLong(), s.path("ok").asLong(),
                s.path("ko").asLong(), SavedRun.millis(s, "p50Ms"), SavedRun.millis(s, "p95Ms"),
                SavedRun.millis(s, "p99Ms"))));
        return new SavedDriver(d.path("name").asText(), text(d, "simulation"), text(d, "report"),
                d.path("requests").asLong(), d.path("ok").asLong(), d.path("ko").asLong(), SavedRun.millis(d, "p50Ms"),
                SavedRun.millis(d, "p95Ms"), SavedRun.millis(d, "p99Ms"), seconds);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
