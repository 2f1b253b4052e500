package dev.faultline.reports.saved;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.LedgerFile;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.timeline.TimelineReader;

/**
 * One run as its folder saved it: {@code result.json} (the figures and the verdict), {@code timeline.jsonl} (every
 * event) and {@code ledger.jsonl} (every work item). Every report is built from this alone, so a report can be
 * rebuilt on another machine or after an upgrade ({@code faultline report}). A run without a ledger (killed before
 * it was saved, or saved by an older version) reads as one with no work items.
 *
 * @param result             {@code result.json} as a tree, for the fields the typed accessors do not cover
 * @param timeline           the events of {@code timeline.jsonl}
 * @param unreadableTimeline lines of {@code timeline.jsonl} that could not be read
 */
public record SavedRun(Path dir, JsonNode result, List<TimelineEvent> timeline, int unreadableTimeline,
                       LedgerFile.Saved ledger) {
    public static final String RESULT = "result.json";
    public static final String TIMELINE = "timeline.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SavedRun {
        timeline = List.copyOf(timeline);
    }

    /** Whether {@code dir} holds a saved run (a {@code result.json}). */
    public static boolean isRunDir(Path dir) {
        return Files.isRegularFile(dir.resolve(RESULT));
    }

    /** Reads the run saved in {@code dir}; fails with the file and the reason when {@code result.json} is unusable. */
    public static SavedRun read(Path dir) throws IOException {
        Path resultFile = dir.resolve(RESULT);
        if (!Files.isRegularFile(resultFile)) {
            throw new IOException(resultFile + ": no such file (not a run's folder)");
        }
        JsonNode result;
        try {
            result = JSON.readTree(resultFile.toFile());
        } catch (IOException e) {
            throw new IOException(resultFile + ": not valid JSON");
        }
        for (String field : List.of("scenario", "verdict", "faults", "objectives", "integrity", "load")) {
            if (result == null || !result.has(field)) {
                throw new IOException(resultFile + " " + field + ": missing (not a Faultline result)");
            }
        }
        Path timelineFile = dir.resolve(TIMELINE);
        TimelineReader.Read timeline = Files.isRegularFile(timelineFile) ? TimelineReader.read(timelineFile)
                : new TimelineReader.Read(List.of(), 0);
        Path ledgerFile = dir.resolve(LedgerFile.NAME);
        // read where it lies as a report iterates it: a day's ledger is never held in memory
        LedgerFile.Saved ledger = Files.isRegularFile(ledgerFile) ? new LedgerFile.Saved(ledgerFile)
                : LedgerFile.Saved.none();
        return new SavedRun(dir, result, timeline.events(), timeline.unreadable(), ledger);
    }

    public String scenario() {
        return result.path("scenario").asText();
    }

    public String description() {
        return result.path("description").asText("");
    }

    public String runId() {
        return result.path("run").asText("");
    }

    public Verdict verdict() {
        return Verdict.valueOf(result.path("verdict").asText("ERROR"));
    }

    public String reason() {
        return result.path("reason").asText("");
    }

    public String startedAt() {
        return result.path("startedAt").asText("");
    }

    public String finishedAt() {
        return result.path("finishedAt").asText("");
    }

    public String topology() {
        return result.path("topology").asText("");
    }

    public long seed() {
        return result.path("seed").asLong();
    }

    /** Service name to its image (empty for results saved before images were). */
    public Map<String, String> images() {
        Map<String, String> out = new LinkedHashMap<>();
        result.path("services").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("image").asText()));
        return out;
    }

    /** Service name to its container instances. */
    public Map<String, List<String>> instances() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        result.path("services").fields().forEachRemaining(e -> {
            List<String> names = new ArrayList<>();
            e.getValue().path("instances").forEach(i -> names.add(i.asText()));
            out.put(e.getKey(), names);
        });
        return out;
    }

    public List<SavedFault> faults() {
        List<SavedFault> out = new ArrayList<>();
        result.path("faults").forEach(f -> out.add(SavedFault.of(f)));
        return out;
    }

    /** Each recovery by a restart strategy, in time order (empty for results saved before they were). */
    public List<SavedRecovery> recoveries() {
        List<SavedRecovery> out = new ArrayList<>();
        result.path("recoveries").forEach(r -> out.add(SavedRecovery.of(r)));
        return out;
    }

    public List<SavedCheck> checks() {
        List<SavedCheck> out = new ArrayList<>();
        result.path("objectives").forEach(o -> out.add(new SavedCheck(o.path("name").asText(),
                o.path("expected").asText(), o.path("actual").asText(), o.path("met").asBoolean())));
        return out;
    }

    public SavedIntegrity integrity() {
        return SavedIntegrity.of(result.path("integrity"));
    }

    public SavedLoad load() {
        return SavedLoad.of(result.path("load"));
    }

    /** The load's figures over the items submitted while a fault was in force; null when no fault was. */
    public SavedLoad loadDuringFaults() {
        JsonNode during = result.path("load").path("duringFaults");
        return during.isObject() ? SavedLoad.of(during) : null;
    }

    /** The load driver's own figures (Gatling's); null for a driver that keeps none, or a result saved before them. */
    public SavedDriver driver() {
        return SavedDriver.of(result.path("load").path("driver"));
    }

    /** The ids of lost work items as {@code result.json} lists them (the first ones, when many were lost). */
    public List<String> lostIds() {
        return texts(result.path("integrity").path("lostIds"));
    }

    /** The ids of work items completed more than once as {@code result.json} lists them (the first ones). */
    public List<String> duplicatedIds() {
        return texts(result.path("integrity").path("duplicatedIds"));
    }

    /** How often the probes and health checks were sampled, in ms; 0 for results saved without it. */
    public long sampleEveryMs() {
        return result.path("sampling").path("everyMs").asLong(0);
    }

    /** How the probes were sampled: the schedule kept, and the regular and extra probe samples sent. */
    public SavedSampling sampling() {
        return SavedSampling.of(result.path("sampling"));
    }

    /** The {@code halt-when} condition that stopped the run; null when none did. */
    public SavedHalt halt() {
        return SavedHalt.of(result.get("halt"));
    }

    /** Milliseconds from the run's start to its end, from {@code startedAt} and {@code finishedAt}. */
    public long durationMs() {
        try {
            return java.time.Duration.between(java.time.Instant.parse(startedAt()),
                    java.time.Instant.parse(finishedAt())).toMillis();
        } catch (java.time.format.DateTimeParseException e) {
            return timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).t();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** {@code ms} as a nullable long: null when the field is null or missing. */
    static Long millis(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
