package dev.faultline.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.faultline.engine.io.AtomicFile;
import dev.faultline.engine.measure.ConnectionMeasure;
import dev.faultline.engine.measure.ContainmentMeasure;
import dev.faultline.engine.measure.DriverMeasure;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.HaltMeasure;
import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.LoadMeasure;
import dev.faultline.engine.measure.RecoveryMeasure;
import dev.faultline.engine.measure.SamplingMeasure;
import dev.faultline.engine.measure.StateMeasure;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Reporter;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.reports.saved.SavedRun;

/**
 * Writes {@code result.json} with the field names of docs/scenario-format.md (its schema: docs/result.schema.json).
 * Times named {@code ...At} are ISO instants; {@code ...AtMs} are milliseconds since the run started, the clock of
 * {@code timeline.jsonl}.
 */
public final class JsonReporter implements Reporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "json";
    }

    @Override
    public Set<String> files() {
        return Set.of(SavedRun.RESULT);
    }

    @Override
    public void write(RunResult result, Path dir) throws IOException {
        AtomicFile.write(dir.resolve(SavedRun.RESULT), out -> JSON.writeValue(out, toMap(result)));
    }

    static Map<String, Object> toMap(RunResult r) {
        Instant origin = r.record().startedAt();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario());
        m.put("run", r.record().runId());
        m.put("verdict", r.verdict().name());
        m.put("reason", r.reason());
        m.put("exitCode", r.verdict().exitCode());
        m.put("startedAt", origin.toString());
        m.put("finishedAt", r.finishedAt().toString());
        m.put("description", r.record().scenario().description());
        m.put("topology", r.record().scenario().topology().name());
        m.put("seed", r.record().scenario().seed());
        m.put("services", services(r));
        m.put("faults", faults(r, origin));
        m.put("recoveries", recoveries(r));
        List<Map<String, Object>> objectives = new ArrayList<>();
        for (Objective.Check c : r.checks()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", c.name());
            o.put("expected", c.expected());
            o.put("actual", c.actual());
            o.put("met", c.met());
            o.put("straddles", c.straddles());
            objectives.add(o);
        }
        m.put("objectives", objectives);
        Map<String, Object> objectiveFigures = new LinkedHashMap<>();
        for (Objective o : r.record().scenario().objectives()) {
            Map<String, Object> figures = o.figures(r.record(), r.measurements());
            if (!figures.isEmpty()) {
                objectiveFigures.put(o.name(), figures);
            }
        }
        m.put("objectiveFigures", objectiveFigures);
        Map<String, Object> integrity = integrity(r.measurements().integrity());
        integrity.put("drained", r.record().drained());
        m.put("integrity", integrity);
        m.put("containment", containment(r.measurements().containment()));
        Map<String, Object> load = load(r.measurements().load());
        load.put("startedAtMs", r.record().loadStart());
        load.put("endedAtMs", r.record().loadEnd());
        load.put("drainedAtMs", r.record().drainEnd());
        LoadMeasure during = r.measurements().loadDuringFaults();
        load.put("duringFaults", during == null ? null : load(during));
        load.put("driver", driver(r.measurements().driver()));
        m.put("load", load);
        m.put("state", state(r.measurements().state()));
        m.put("halt", halt(r.measurements().halt()));
        m.put("sampling", sampling(r.record().scenario().sampleEvery().toMillis(), r.measurements().sampling()));
        m.put("connections", connections(ConnectionMeasure.of(r.record(), r.measurements())));
        return m;
    }

    /** The load driver's own figures (Gatling's): totals, its report and each second; null when it keeps none. */
    private static Map<String, Object> driver(DriverMeasure d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.driver());
        m.put("simulation", d.simulation());
        m.put("report", d.report());
        m.put("requests", d.requests());
        m.put("ok", d.ok());
        m.put("ko", d.ko());
        m.put("p50Ms", d.p50Ms());
        m.put("p95Ms", d.p95Ms());
        m.put("p99Ms", d.p99Ms());
        List<Map<String, Object>> seconds = new ArrayList<>();
        for (DriverMeasure.Second s : d.perSecond()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("t", s.t());
            sm.put("ok", s.ok());
            sm.put("ko", s.ko());
            sm.put("p50Ms", s.p50Ms());
            sm.put("p95Ms", s.p95Ms());
            sm.put("p99Ms", s.p99Ms());
            seconds.add(sm);
        }
        m.put("perSecond", seconds);
        return m;
    }

    /** Connection attempts at each fault proxy, per service behind it. */
    private static List<Map<String, Object>> connections(List<ConnectionMeasure> measured) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectionMeasure c : measured) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", c.service());
            m.put("accepted", c.accepted());
            m.put("peakPerSec", c.peakPerSec());
            m.put("peakAtMs", c.peakAtMs());
            Double mean = c.meanPerSecDuringFaults();
            if (mean == null) {
                m.put("duringFaults", null);
            } else {
                Map<String, Object> during = new LinkedHashMap<>();
                during.put("accepted", c.duringFaults());
                during.put("windowMs", c.faultWindowMs());
                during.put("meanPerSec", Math.round(mean * 100) / 100.0);
                m.put("duringFaults", during);
            }
            out.add(m);
        }
        return out;
    }

    /** Each service of the topology: its image, role and container instances. */
    private static Map<String, Object> services(RunResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        r.record().scenario().topology().services().values().forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", s.image());
            m.put("role", s.role().yamlName());
            m.put("instances", s.instanceNames());
            out.put(s.name(), m);
        });
        return out;
    }

    private static List<Map<String, Object>> faults(RunResult r, Instant origin) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<FaultWindow> windows = r.record().faults();
        for (int i = 0; i < r.measurements().faults().size(); i++) {
            FaultMeasure f = r.measurements().faults().get(i);
            FaultWindow w = windows.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("type", f.type());
            m.put("target", f.target());
            m.put("instances", w.instances());
            m.put("parameters", w.spec().fault().describe());
            m.put("injectedAt", f.injectedAt() < 0 ? null : origin.plusMillis(f.injectedAt()).toString());
            m.put("revertedAt", f.revertedAt() < 0 ? null : origin.plusMillis(f.revertedAt()).toString());
            m.put("lastActedAt", w.lastActedAt() < 0 ? null : origin.plusMillis(w.lastActedAt()).toString());
            m.put("injectedAtMs", f.injectedAt() < 0 ? null : f.injectedAt());
            m.put("revertedAtMs", f.revertedAt() < 0 ? null : f.revertedAt());
            m.put("lastActedAtMs", w.lastActedAt() < 0 ? null : w.lastActedAt());
            m.put("timeToDetectMs", f.timeToDetectMs());
            m.put("timeToDetectBoundMs", f.timeToDetectBoundMs());
            m.put("recoveryMs", f.recoveryMs());
            m.put("recoveryBoundMs", f.recoveryBoundMs());
            m.put("recovered", f.recovered());
            m.put("recoveredAtMs", f.recoveredAt());
            m.put("outageMs", f.outageMs());
            m.put("outageBoundMs", f.outageBoundMs());
            m.put("error", w.error());
            Map<String, Object> probes = new LinkedHashMap<>();
            f.probes().forEach((lane, p) -> {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("timeToDetectMs", p.timeToDetectMs());
                pm.put("timeToDetectBoundMs", p.timeToDetectBoundMs());
                pm.put("recoveryMs", p.recoveryMs());
                pm.put("recoveryBoundMs", p.recoveryBoundMs());
                pm.put("recovered", p.recovered());
                pm.put("outageMs", p.outageMs());
                pm.put("outageBoundMs", p.outageBoundMs());
                probes.put(lane, pm);
            });
            m.put("probes", probes);
            m.put("load", f.load() == null ? null : load(f.load()));
            out.add(m);
        }
        return out;
    }

    /** How the supervisor brought each dead instance back, by its service's restart strategy. */
    private static List<Map<String, Object>> recoveries(RunResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecoveryMeasure rm : r.measurements().recoveries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instance", rm.instance());
            m.put("service", rm.service());
            m.put("strategy", rm.strategy().yamlName());
            m.put("diedAtMs", rm.diedAtMs());
            m.put("doneAtMs", rm.doneAtMs());
            m.put("durationMs", rm.durationMs());
            m.put("recovered", rm.recovered());
            m.put("detail", rm.detail());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> integrity(IntegrityMeasure i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accepted", i.accepted());
        m.put("completed", i.completed());
        m.put("lost", i.lost());
        m.put("duplicated", i.duplicated());
        m.put("rpoMs", i.rpoMs());
        m.put("unknownCompleted", i.unknownCompleted());
        m.put("lossWindow", i.lossWindow() == null ? null
                : Map.of("fromMs", i.lossWindow().from(), "toMs", i.lossWindow().to()));
        m.put("lostIds", i.lostIds());
        m.put("duplicatedIds", i.duplicatedIds());
        return m;
    }

    private static Map<String, Object> containment(ContainmentMeasure c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("degraded", c.degraded());
        m.put("cascadeDepth", c.cascadeDepth());
        List<Map<String, Object>> order = new ArrayList<>();
        for (ContainmentMeasure.DegradedService d : c.cascadeOrder()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("service", d.service());
            o.put("firstFailureAtMs", d.firstFailureAt());
            o.put("cascadeDepth", d.cascadeDepth());
            order.add(o);
        }
        m.put("cascadeOrder", order);
        return m;
    }

    private static Map<String, Object> load(LoadMeasure l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", l.sent());
        m.put("accepted", l.accepted());
        m.put("errorRate", l.errorRate());
        m.put("p50Ms", l.p50Ms());
        m.put("p95Ms", l.p95Ms());
        m.put("p99Ms", l.p99Ms());
        m.put("throughputPerSec", Math.round(l.throughputPerSec() * 100) / 100.0);
        return m;
    }

    private static Map<String, Object> state(StateMeasure state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agrees", state.agrees());
        List<Map<String, Object>> services = new ArrayList<>();
        for (StateMeasure.ServiceState s : state.services()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("service", s.service());
            sm.put("reported", s.reported());
            Map<String, Object> implied = new LinkedHashMap<>();
            s.implied().forEach((key, range) -> implied.put(key, Map.of("min", range.min(), "max", range.max())));
            sm.put("implied", implied);
            sm.put("unreadable", s.unreadable());
            sm.put("agrees", s.agrees());
            sm.put("disagreements", s.disagreements());
            services.add(sm);
        }
        m.put("services", services);
        return m;
    }

    private static Map<String, Object> halt(HaltMeasure h) {
        if (h == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probe", h.probe());
        m.put("condition", h.condition());
        m.put("conditionTrueAtMs", h.conditionTrueAt());
        m.put("lastRevertedAtMs", h.lastRevertedAt());
        m.put("revertLatencyMs", h.revertLatencyMs());
        m.put("revertLatencyBoundMs", h.revertLatencyBoundMs());
        m.put("reverted", h.reverted());
        return m;
    }

    /** How well the sampling schedule was kept, and the probes it sent: regular ones and extra ones. */
    private static Map<String, Object> sampling(long everyMs, SamplingMeasure s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("everyMs", everyMs);
        m.put("lateTicks", s.lateTicks());
        m.put("worstLagMs", s.worstLagMs());
        m.put("probeSamples", s.probeSamples());
        m.put("extraProbes", s.extraProbes());
        m.put("extraProbesPerSecond", Math.round(s.extraProbesPerSecond() * 100) / 100.0);
        return m;
    }
}
