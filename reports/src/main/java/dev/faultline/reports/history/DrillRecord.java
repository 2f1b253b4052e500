package dev.faultline.reports.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.faultline.engine.run.Verdict;

/**
 * One drill run as the history keeps it, with its scenario runs in the order they were recorded.
 *
 * @param scheduledFor the schedule's time it was claimed for, null for a drill run by hand
 * @param endedAt      null (with {@code verdict} and {@code reason}) while it has not ended
 */
public record DrillRecord(long id, String drill, Instant scheduledFor, Instant startedAt, Instant endedAt,
                          Verdict verdict, String reason, List<RunRow> runs) {
    public DrillRecord {
        Objects.requireNonNull(drill, "drill");
        Objects.requireNonNull(startedAt, "startedAt");
        runs = List.copyOf(runs);
    }
}
