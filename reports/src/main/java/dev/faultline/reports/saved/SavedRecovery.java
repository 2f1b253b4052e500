package dev.faultline.reports.saved;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One instance brought back (or not) by its service's restart strategy, as {@code result.json}'s {@code recoveries}
 * saved it; times in ms since the run started.
 */
public record SavedRecovery(String instance, String service, String strategy, long diedAtMs, long doneAtMs,
                            long durationMs, boolean recovered, String detail) {
    static SavedRecovery of(JsonNode n) {
        return new SavedRecovery(n.path("instance").asText(), n.path("service").asText(), n.path("strategy").asText(),
                n.path("diedAtMs").asLong(), n.path("doneAtMs").asLong(), n.path("durationMs").asLong(),
                n.path("recovered").asBoolean(), n.path("detail").asText(""));
    }
}
