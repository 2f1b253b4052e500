package dev.faultline.engine.timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.io.AtomicFile;

/**
 * {@code ledger.jsonl}: every work item of a run, one JSON object a line, in submission order, so a report can plot
 * the load over time and a run can be judged again later. Item lines:
 * <pre>{"id":"t-1","sentAtMs":1200,"answeredAtMs":1214,"status":202,"accepted":true,"latencyMs":14,
 *  "completions":1,"completedAtMs":1900}</pre>
 * ({@code answeredAtMs}, {@code latencyMs} and {@code completedAtMs} are -1 when never; {@code status} is -1 when no
 * HTTP answer came, with {@code error} saying why). Ids the system reported complete that the load never submitted
 * follow as {@code {"id":"x","unknown":true,"completions":2}}.
 */
public final class LedgerFile {
    public static final String NAME = "ledger.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerFile() {
    }

    /** What a saved ledger holds. */
    public record Saved(List<Ledger.WorkItem> items, Map<String, Integer> unknownCompletions) {
        public Saved {
            items = List.copyOf(items);
            unknownCompletions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unknownCompletions));
        }
    }

    /** Writes the ledger into {@code dir} atomically (a temporary file, then a move). */
    public static void write(Ledger ledger, Path dir) throws IOException {
        AtomicFile.write(dir.resolve(NAME), out -> {
            for (Ledger.WorkItem item : ledger.items()) {
                out.write(JSON.writeValueAsString(toMap(item)));
                out.write('\n');
            }
            for (Map.Entry<String, Integer> e : ledger.unknownCompletions().entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", e.getKey());
                m.put("unknown", true);
                m.put("completions", e.getValue());
                out.write(JSON.writeValueAsString(m));
                out.write('\n');
            }
        });
    }

    public static Map<String, Object> toMap(Ledger.WorkItem item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", item.id());
        m.put("sentAtMs", item.submittedAt());
        m.put("answeredAtMs", item.answeredAt());
        m.put("status", item.status());
        m.put("accepted", item.accepted());
        m.put("latencyMs", item.latencyMs());
        m.put("completions", item.completions());
        m.put("completedAtMs", item.firstCompletedAt());
        if (item.error() != null) {
            m.put("error", item.error());
        }
        return m;
    }

    /** Reads a saved ledger; a line it cannot read is an error (the file is written whole, atomically). */
    public static Saved read(Path file) throws IOException {
        List<Ledger.WorkItem> items = new ArrayList<>();
        Map<String, Integer> unknown = new LinkedHashMap<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IOException(file + ":" + lineNo + ": not a JSON object");
                }
                if (!n.path("id").isTextual()) {
                    throw new IOException(file + ":" + lineNo + " id: expected text");
                }
                if (n.path("unknown").asBoolean(false)) {
                    unknown.put(n.get("id").asText(), n.path("completions").asInt());
                    continue;
                }
                JsonNode error = n.get("error");
                items.add(new Ledger.WorkItem(n.get("id").asText(), n.path("sentAtMs").asLong(),
                        n.path("answeredAtMs").asLong(-1), n.path("status").asInt(-1),
                        error == null || error.isNull() ? null : error.asText(), n.path("completions").asInt(),
                        n.path("completedAtMs").asLong(-1)));
            }
        }
        return new Saved(items, unknown);
    }
}
