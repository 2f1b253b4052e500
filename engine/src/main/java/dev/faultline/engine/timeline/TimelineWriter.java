package dev.faultline.engine.timeline;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appends every timeline event to {@code timeline.jsonl} as it happens, one JSON object per line with a
 * {@code type} field, flushed at once so a run that is killed keeps what it saw.
 */
public final class TimelineWriter implements Consumer<TimelineEvent>, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    public TimelineWriter(Path file) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public synchronized void accept(TimelineEvent event) {
        try {
            out.write(JSON.writeValueAsString(toMap(event)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // a full disk must not break the run; the in-memory timeline still has everything
        }
    }

    public static Map<String, Object> toMap(TimelineEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", event.t());
        if (event instanceof TimelineEvent.Sample s) {
            m.put("type", "sample");
            m.put("lane", s.lane().wire());
            m.put("ok", s.ok());
            m.put("status", s.status());
            m.put("latencyMs", s.latencyMs());
            if (!s.detail().isEmpty()) {
                m.put("detail", s.detail());
            }
            if (s.extra()) {
                m.put("extra", true);
            }
        } else if (event instanceof TimelineEvent.Phase p) {
            m.put("type", "phase");
            m.put("phase", p.phase().wire());
        } else if (event instanceof TimelineEvent.FaultChange f) {
            m.put("type", "fault");
            m.put("fault", f.fault());
            m.put("change", f.change().wire());
            m.put("detail", f.detail());
        } else if (event instanceof TimelineEvent.ServiceChange c) {
            m.put("type", "service");
            m.put("instance", c.instance());
            m.put("change", c.change().wire());
            m.put("detail", c.detail());
        } else if (event instanceof TimelineEvent.InstanceRecovery r) {
            m.put("type", "instance-recovery");
            m.put("instance", r.instance());
            m.put("strategy", r.strategy().yamlName());
            m.put("diedAt", r.diedAt());
            m.put("durationMs", r.durationMs());
            m.put("recovered", r.recovered());
            m.put("detail", r.detail());
        } else if (event instanceof TimelineEvent.Halt h) {
            m.put("type", "halt");
            m.put("probe", h.probe());
            m.put("condition", h.condition());
            m.put("conditionTrueAt", h.conditionTrueAt());
            m.put("lastRevertedAt", h.lastRevertedAt());
            m.put("reverted", h.reverted());
        } else if (event instanceof TimelineEvent.StateReport r) {
            m.put("type", "state");
            m.put("instance", r.instance());
            m.put("ledger", r.ledger());
            if (r.error() != null) {
                m.put("error", r.error());
            }
        } else if (event instanceof TimelineEvent.SamplerLag l) {
            m.put("type", "sampler-lag");
            m.put("lagMs", l.lagMs());
        } else if (event instanceof TimelineEvent.Connections c) {
            m.put("type", "connections");
            m.put("service", c.service());
            m.put("accepted", c.accepted());
            m.put("open", c.open());
        } else if (event instanceof TimelineEvent.LoadSecond l) {
            m.put("type", "load-second");
            m.put("driver", l.driver());
            m.put("ok", l.ok());
            m.put("ko", l.ko());
            m.put("p50Ms", l.p50Ms());
            m.put("p95Ms", l.p95Ms());
            m.put("p99Ms", l.p99Ms());
        } else if (event instanceof TimelineEvent.DriverReport d) {
            m.put("type", "driver-report");
            m.put("driver", d.driver());
            m.put("simulation", d.simulation());
            m.put("requests", d.requests());
            m.put("ok", d.ok());
            m.put("ko", d.ko());
            m.put("p50Ms", d.p50Ms());
            m.put("p95Ms", d.p95Ms());
            m.put("p99Ms", d.p99Ms());
            m.put("report", d.report());
        } else if (event instanceof TimelineEvent.Note n) {
            m.put("type", "note");
            m.put("message", n.message());
        }
        return m;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more can be saved
        }
    }
}
