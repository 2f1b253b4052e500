package dev.faultline.reports.saved;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code halt-when} condition that stopped the run, as {@code result.json}'s {@code halt} saved it; times in ms
 * since the run started.
 *
 * @param revertLatencyMs      from the condition holding to the last fault reverted
 * @param revertLatencyBoundMs its bound (the true value lies within plus or minus it); null when not known, or in a
 *                             run saved before bounds were kept
 */
public record SavedHalt(String probe, String condition, long conditionTrueAtMs, long lastRevertedAtMs,
                        long revertLatencyMs, Long revertLatencyBoundMs, List<String> reverted) {
    public SavedHalt {
        reverted = List.copyOf(reverted);
    }

    /** The halt {@code h} describes; null when {@code h} is null or missing (no condition fired). */
    static SavedHalt of(JsonNode h) {
        if (h == null || !h.isObject()) {
            return null;
        }
        List<String> reverted = new ArrayList<>();
        h.path("reverted").forEach(f -> reverted.add(f.asText()));
        return new SavedHalt(h.path("probe").asText(), h.path("condition").asText(),
                h.path("conditionTrueAtMs").asLong(), h.path("lastRevertedAtMs").asLong(-1),
                h.path("revertLatencyMs").asLong(), SavedRun.millis(h, "revertLatencyBoundMs"), reverted);
    }
}
