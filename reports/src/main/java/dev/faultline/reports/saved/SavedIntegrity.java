package dev.faultline.reports.saved;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happened to the submitted work, as {@code result.json} saved it. {@code lossFromMs}/{@code lossToMs} are
 * null when nothing was lost; {@code rpoMs} is null when not measured.
 */
public record SavedIntegrity(long accepted, long completed, long lost, long duplicated, Long rpoMs,
                             long unknownCompleted, Long lossFromMs, Long lossToMs, boolean drained) {
    static SavedIntegrity of(JsonNode i) {
        JsonNode window = i.path("lossWindow");
        return new SavedIntegrity(i.path("accepted").asLong(), i.path("completed").asLong(), i.path("lost").asLong(),
                i.path("duplicated").asLong(), SavedRun.millis(i, "rpoMs"), i.path("unknownCompleted").asLong(),
                window.isObject() ? SavedRun.millis(window, "fromMs") : null,
                window.isObject() ? SavedRun.millis(window, "toMs") : null, i.path("drained").asBoolean(true));
    }
}
