package dev.faultline.reports.saved;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One fault's window and figures as {@code result.json} saved them. Times are ms since the run started; a null
 * figure was never measured (never injected, nothing failed, did not recover). Each time figure has its bound beside
 * it ({@code ...BoundMs}: the true value lies within plus or minus it); a bound is null with its figure, when it was
 * not known, or in a run saved before bounds were kept.
 */
public record SavedFault(String name, String type, String target, List<String> instances, Long injectedAtMs,
                         Long revertedAtMs, Long lastActedAtMs, Long timeToDetectMs, Long timeToDetectBoundMs,
                         Long recoveryMs, Long recoveryBoundMs, boolean recovered, Long recoveredAtMs, Long outageMs,
                         Long outageBoundMs, String error, Map<String, Probe> probes) {

    public SavedFault {
        instances = List.copyOf(instances);
        probes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    }

    /** One probe's figures for this fault, each with its bound (null when not known). */
    public record Probe(Long timeToDetectMs, Long timeToDetectBoundMs, Long recoveryMs, Long recoveryBoundMs,
                        boolean recovered, Long outageMs, Long outageBoundMs) {
        static Probe of(JsonNode p) {
            return new Probe(SavedRun.millis(p, "timeToDetectMs"), SavedRun.millis(p, "timeToDetectBoundMs"),
                    SavedRun.millis(p, "recoveryMs"), SavedRun.millis(p, "recoveryBoundMs"),
                    p.path("recovered").asBoolean(), SavedRun.millis(p, "outageMs"),
                    SavedRun.millis(p, "outageBoundMs"));
        }
    }

    /** When its recovery counts from: the recovery point less {@code recoveryMs}; null when it did not recover. */
    public Long recoveryFromMs() {
        return recoveredAtMs == null || recoveryMs == null ? null : recoveredAtMs - recoveryMs;
    }

    static SavedFault of(JsonNode f) {
        List<String> instances = new ArrayList<>();
        f.path("instances").forEach(i -> instances.add(i.asText()));
        Map<String, Probe> probes = new LinkedHashMap<>();
        f.path("probes").fields().forEachRemaining(e -> probes.put(e.getKey(), Probe.of(e.getValue())));
        JsonNode error = f.get("error");
        return new SavedFault(f.path("name").asText(), f.path("type").asText(), f.path("target").asText(), instances,
                SavedRun.millis(f, "injectedAtMs"), SavedRun.millis(f, "revertedAtMs"),
                SavedRun.millis(f, "lastActedAtMs"), SavedRun.millis(f, "timeToDetectMs"),
                SavedRun.millis(f, "timeToDetectBoundMs"), SavedRun.millis(f, "recoveryMs"),
                SavedRun.millis(f, "recoveryBoundMs"), f.path("recovered").asBoolean(),
                SavedRun.millis(f, "recoveredAtMs"), SavedRun.millis(f, "outageMs"),
                SavedRun.millis(f, "outageBoundMs"), error == null || error.isNull() ? null : error.asText(), probes);
    }
}
