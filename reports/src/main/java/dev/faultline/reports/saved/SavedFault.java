package dev.faultline.reports.saved;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One fault's window and figures as {@code result.json} saved them. Times are ms since the run started; a null
 * figure was never measured (never injected, nothing failed, did not recover).
 */
public record SavedFault(String name, String type, String target, List<String> instances, Long injectedAtMs,
                         Long revertedAtMs, Long lastActedAtMs, Long timeToDetectMs, Long recoveryMs,
                         boolean recovered, Long recoveredAtMs, Long outageMs, String error, Map<String, Probe> probes) {

    public SavedFault {
        instances = List.copyOf(instances);
        probes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    }

    /** One probe's figures for this fault. */
    public record Probe(Long timeToDetectMs, Long recoveryMs, boolean recovered, Long outageMs) {
    }

    /** When its recovery counts from: the recovery point less {@code recoveryMs}; null when it did not recover. */
    public Long recoveryFromMs() {
        return recoveredAtMs == null || recoveryMs == null ? null : recoveredAtMs - recoveryMs;
    }

    static SavedFault of(JsonNode f) {
        List<String> instances = new ArrayList<>();
        f.path("instances").forEach(i -> instances.add(i.asText()));
        Map<String, Probe> probes = new LinkedHashMap<>();
        f.path("probes").fields().forEachRemaining(e -> probes.put(e.getKey(), new Probe(
                SavedRun.millis(e.getValue(), "timeToDetectMs"), SavedRun.millis(e.getValue(), "recoveryMs"),
                e.getValue().path("recovered").asBoolean(), SavedRun.millis(e.getValue(), "outageMs"))));
        JsonNode error = f.get("error");
        return new SavedFault(f.path("name").asText(), f.path("type").asText(), f.path("target").asText(), instances,
                SavedRun.millis(f, "injectedAtMs"), SavedRun.millis(f, "revertedAtMs"),
                SavedRun.millis(f, "lastActedAtMs"), SavedRun.millis(f, "timeToDetectMs"),
                SavedRun.millis(f, "recoveryMs"), f.path("recovered").asBoolean(), SavedRun.millis(f, "recoveredAtMs"),
                SavedRun.millis(f, "outageMs"),
                error == null || error.isNull() ? null : error.asText(), probes);
    }
}
