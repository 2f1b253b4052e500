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

import dev.faultline.engine.model.RestartPolicy;

/**
 * Reads {@code timeline.jsonl} back into the events {@link TimelineWriter} wrote, so a saved run can be reported
 * (or judged) again without the system that produced it. A line it cannot read (a run killed mid-write leaves at
 * most one) is skipped and counted.
 */
public final class TimelineReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TimelineReader() {
    }

    /** The events of the file, in its order, and how many lines could not be read. */
    public record Read(List<TimelineEvent> events, int unreadable) {
        public Read {
            events = List.copyOf(events);
        }
    }

    public static Read read(Path file) throws IOException {
        List<TimelineEvent> events = new ArrayList<>();
        int unreadable = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    TimelineEvent event = fromJson(JSON.readTree(line));
                    if (event != null) {
                        events.add(event);
                    }
                } catch (IOException | RuntimeException e) {
                    unreadable++;
                }
            }
        }
        return new Read(events, unreadable);
    }

    /** One line's object back as its event; null for a type this version does not know. */
    public static TimelineEvent fromJson(JsonNode n) {
        long t = n.path("t").asLong();
        String type = n.path("type").asText("");
        return switch (type) {
            case "sample" -> new TimelineEvent.Sample(t, Lane.parse(n.path("lane").asText()), n.path("ok").asBoolean(),
                    n.path("status").asInt(), n.path("latencyMs").asLong(), n.path("detail").asText(""),
                    n.path("extra").asBoolean(false));
            case "phase" -> new TimelineEvent.Phase(t, RunPhase.fromWire(n.path("phase").asText()));
            case "fault" -> new TimelineEvent.FaultChange(t, n.path("fault").asText(),
                    FaultState.fromWire(n.path("change").asText()), text(n, "detail"));
            case "service" -> new TimelineEvent.ServiceChange(t, n.path("instance").asText(),
                    ServiceState.fromWire(n.path("change").asText()), text(n, "detail"));
            case "instance-recovery" -> new TimelineEvent.InstanceRecovery(t, n.path("instance").asText(),
                    strategy(n.path("strategy").asText()), n.path("diedAt").asLong(), n.path("recovered").asBoolean(),
                    text(n, "detail"));
            case "halt" -> {
                List<String> reverted = new ArrayList<>();
                n.path("reverted").forEach(r -> reverted.add(r.asText()));
                yield new TimelineEvent.Halt(t, n.path("probe").asText(), n.path("condition").asText(),
                        n.path("conditionTrueAt").asLong(), n.path("lastRevertedAt").asLong(), reverted);
            }
            case "state" -> {
                Map<String, Long> ledger = new LinkedHashMap<>();
                n.path("ledger").fields().forEachRemaining(e -> ledger.put(e.getKey(), e.getValue().asLong()));
                yield new TimelineEvent.StateReport(t, n.path("instance").asText(), ledger, text(n, "error"));
            }
            case "sampler-lag" -> new TimelineEvent.SamplerLag(t, n.path("lagMs").asLong());
            case "connections" -> new TimelineEvent.Connections(t, n.path("service").asText(),
                    n.path("accepted").asLong(), n.path("open").asInt());
            case "load-second" -> new TimelineEvent.LoadSecond(t, n.path("driver").asText(), n.path("ok").asLong(),
                    n.path("ko").asLong(), integer(n, "p50Ms"), integer(n, "p95Ms"), integer(n, "p99Ms"));
            case "driver-report" -> new TimelineEvent.DriverReport(t, n.path("driver").asText(), text(n, "simulation"),
                    n.path("requests").asLong(), n.path("ok").asLong(), n.path("ko").asLong(), integer(n, "p50Ms"),
                    integer(n, "p95Ms"), integer(n, "p99Ms"), text(n, "report"));
            case "note" -> new TimelineEvent.Note(t, n.path("message").asText());
            default -> null;
        };
    }

    private static RestartPolicy.Strategy strategy(String text) {
        return Wire.parse(RestartPolicy.Strategy.class, RestartPolicy.Strategy.values(),
                RestartPolicy.Strategy::yamlName, text);
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
