package dev.faultline;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import dev.faultline.api.FaultDefinition;
import dev.faultline.api.LoadDefinition;
import dev.faultline.api.NetworkFault;
import dev.faultline.api.ObjectiveDefinition;
import dev.faultline.api.ProbeDefinition;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * A scenario written in Java, from {@link Faultline#scenario(String)}. Each method sets what the same-named part
 * of a scenario file sets (docs/scenario-format.md), typed with the classes of {@code dev.faultline.api}
 * ({@link dev.faultline.api.Faults}, {@link dev.faultline.api.Objectives}, {@link dev.faultline.api.Probes},
 * {@link dev.faultline.api.Load}) or, as before, with text and maps. {@link #build()} hands the document as Java
 * values to the standard loader ({@link ScenarioLoader#load(Map, Path)}), which checks it with the very code that
 * reads a scenario file, so a Java scenario meets exactly the checks a YAML one does and makes the same
 * {@link Scenario}; no YAML text is written or parsed.
 *
 * <pre>{@code
 * Scenario scenario = Faultline.scenario("worker-crash")
 *         .topology(Path.of("scenarios/topologies/support-desk.yaml"))
 *         .probe(Probes.http("api-ready", "orchestrator", 8080, "/ready").within(ofMillis(500)))
 *         .load(Load.ledger(Rate.perSecond(20), ofSeconds(30))
 *                 .submit("orchestrator", 8080, "/tasks").results("orchestrator", 8080, "/results"))
 *         .fault("kill-worker", Faults.agentCrash(Signal.KILL).on("worker[0]").at(ofSeconds(10)))
 *         .objective(Objectives.recovery(ofSeconds(15)))
 *         .build();
 * }</pre>
 *
 * Values are checked by {@link #build()}, not by the setters (which only refuse a missing required argument):
 * a wrong one throws {@link InvalidScenarioException} naming the field path, what was expected and what was found,
 * e.g. {@code Faultline.scenario(worker-crash) faults[0].type: unknown fault type 'agent-crsh'; did you mean
 * 'agent-crash'?}. Not thread-safe; {@link #build()} may be called again after further changes.
 */
public final class ScenarioBuilder {
    private final String name;
    private String description;
    private Path topology;
    private Long seed;
    private Duration sampleEvery;
    private String sharpen;
    private final List<Map<String, Object>> probes = new ArrayList<>();
    private Map<String, Object> load;
    private final List<Map<String, Object>> faults = new ArrayList<>();
    private final Map<String, Object> objectives = new LinkedHashMap<>();
    private final List<Map<String, Object>> haltWhen = new ArrayList<>();
    private final BiFunction<Map<String, ?>, Path, Scenario> loader;

    ScenarioBuilder(String name) {
        this(name, (document, source) -> ScenarioLoader.standard().load(document, source));
    }

    /** A builder whose {@link #build()} hands the document to {@code loader} (tests watch the bridge with it). */
    ScenarioBuilder(String name, BiFunction<Map<String, ?>, Path, Scenario> loader) {
        this.name = Objects.requireNonNull(name, "scenario name");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** An HTTP endpoint of a service ({@code worker}) or of one replica ({@code worker[1]}). */
    public record Http(String service, int port, String path) {
        public Http {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(path, "path");
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", service);
            m.put("port", port);
            m.put("path", path);
            return m;
        }
    }

    /** {@code http("orchestrator", 8080, "/tasks")}. */
    public static Http http(String service, int port, String path) {
        return new Http(service, port, path);
    }

    /** {@code description:} one line saying what the scenario shows. */
    public ScenarioBuilder description(String text) {
        this.description = Objects.requireNonNull(text, "description");
        return this;
    }

    /** {@code topology:} a topology file; a relative path resolves against the working directory. */
    public ScenarioBuilder topology(Path file) {
        this.topology = Objects.requireNonNull(file, "topology");
        return this;
    }

    /** {@code seed:} random choices (targets, toxicity, jitter) repeat for the same seed. */
    public ScenarioBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** {@code steady-state.sample-every:} how often every probe and health check is sampled (default 100ms). */
    public ScenarioBuilder sampleEvery(Duration every) {
        this.sampleEvery = Objects.requireNonNull(every, "sampleEvery");
        return this;
    }

    /**
     * {@code steady-state.sharpen:} how often extra probes go out while a transition is being narrowed (default 2ms,
     * from 1ms to 1s), so recovery and outage are exact to a few ms rather than one {@code sample-every}.
     */
    public ScenarioBuilder sharpen(Duration every) {
        this.sharpen = Durations.text(Objects.requireNonNull(every, "sharpen"));
        return this;
    }

    /** {@code steady-state.sharpen: off}: no extra probes; transitions are exact to one {@code sample-every}. */
    public ScenarioBuilder noSharpening() {
        this.sharpen = "off";
        return this;
    }

    /**
     * A probe of the steady state that expects status 200 within {@code within} (null: the default, 1s). A
     * replicated {@code service} passes only when every replica does; {@code worker[1]} names one replica.
     */
    public ScenarioBuilder probe(String name, String service, int port, String path, Duration within) {
        return probe(name, new Http(service, port, path), null, within);
    }

    /** As {@link #probe(String, String, int, String, Duration)}, expecting {@code status}. */
    public ScenarioBuilder probe(String name, String service, int port, String path, int status, Duration within) {
        return probe(name, new Http(service, port, path), status, within);
    }

    private ScenarioBuilder probe(String name, Http http, Integer status, Duration within) {
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("name", Objects.requireNonNull(name, "probe name"));
        probe.put("http", http.toMap());
        Map<String, Object> expect = new LinkedHashMap<>();
        if (status != null) {
            expect.put("status", status);
        }
        if (within != null) {
            expect.put("within", Durations.text(within));
        }
        if (!expect.isEmpty()) {
            probe.put("expect", expect);
        }
        probes.add(probe);
        return this;
    }

    /**
     * {@code load:} the built-in ledger driver submits work at {@code rate} ({@code "20/s"}, {@code "600/m"}) for
     * {@code duration} to {@code submit} (POST), reads completed work from {@code results} (GET), then waits at
     * most {@code drain} (null: the default, 30s) for work still in flight. Fault times count from its start.
     */
    public ScenarioBuilder load(String rate, Duration duration, Http submit, Http results, Duration drain) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("rate", Objects.requireNonNull(rate, "rate"));
        spec.put("duration", Durations.text(Objects.requireNonNull(duration, "duration")));
        spec.put("submit", Objects.requireNonNull(submit, "submit").toMap());
        spec.put("results", Objects.requireNonNull(results, "results").toMap());
        if (drain != null) {
            spec.put("drain", Durations.text(drain));
        }
        this.load = spec;
        return this;
    }

    /** An instantaneous fault (such as {@code agent-crash}); see the next method. */
    public ScenarioBuilder fault(String name, String type, String target, Duration at, Map<String, ?> with) {
        return fault(name, type, target, at, null, with);
    }

    /**
     * A fault: {@code type} ({@code agent-crash}, {@code broker-outage}, {@code network}, ...) on {@code target}
     * ({@code worker}, {@code worker[0]}, {@code worker[random]}, {@code worker[50%]}, {@code worker->rabbitmq}),
     * {@code at} after the load starts, for {@code duration} (null for an instantaneous fault), configured by
     * {@code with} (null or empty for none; durations and enums in it are written as the format writes them).
     */
    public ScenarioBuilder fault(String name, String type, String target, Duration at, Duration duration,
                                 Map<String, ?> with) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("name", Objects.requireNonNull(name, "fault name"));
        fault.put("type", Objects.requireNonNull(type, "fault type"));
        fault.put("target", Objects.requireNonNull(target, "fault target"));
        fault.put("at", Durations.text(Objects.requireNonNull(at, "at")));
        if (duration != null) {
            fault.put("duration", Durations.text(duration));
        }
        if (with != null && !with.isEmpty()) {
            fault.put("with", YamlText.plain(with));
        }
        faults.add(fault);
        return this;
    }

    /**
     * One section of {@code objectives:} ({@code recovery}, {@code integrity}, {@code containment}, {@code slo})
     * with its fields, e.g. {@code objective("recovery", Map.of("within", ofSeconds(15), "stable-for",
     * ofSeconds(3)))}. Durations, enums and lists in the fields are written as the format writes them. Fields are
     * written in the map's order; where order matters (the bounds of {@code slo} are listed in the order of its
     * fields) give a {@link LinkedHashMap}.
     *
     * @throws IllegalArgumentException when the section was already given: give all its fields in one call
     */
    public ScenarioBuilder objective(String section, Map<String, ?> fields) {
        Objects.requireNonNull(section, "objective section");
        Objects.requireNonNull(fields, "objective fields");
        if (objectives.containsKey(section)) {
            throw new IllegalArgumentException("objective '" + section + "' is already set to "
                    + objectives.get(section) + "; give all its fields in one call");
        }
        objectives.put(section, YamlText.plain(fields));
        return this;
    }

    /** A typed probe: {@code probe(Probes.http("api-ready", "orchestrator", 8080, "/ready").within(ofMillis(500)))}. */
    public ScenarioBuilder probe(ProbeDefinition probe) {
        probes.add(Objects.requireNonNull(probe, "probe").toDocument());
        return this;
    }

    /** A typed load: {@code load(Load.ledger(Rate.perSecond(20), ofSeconds(30)).submit(..).results(..))}. */
    public ScenarioBuilder load(LoadDefinition load) {
        this.load = Objects.requireNonNull(load, "load").toDocument();
        return this;
    }

    /** A typed fault: {@code fault("kill-worker", Faults.agentCrash(Signal.KILL).on("worker[0]").at(ofSeconds(10)))}. */
    public ScenarioBuilder fault(String name, FaultDefinition fault) {
        faults.add(Objects.requireNonNull(fault, "fault").toDocument(name));
        return this;
    }

    /**
     * A {@code network} fault not yet placed: {@code on}, {@code at} and {@code lasting} are then missing, and
     * {@link #build()} says so as it would for a file. Place it instead: {@code Faults.network()...on("worker")}.
     */
    public ScenarioBuilder fault(String name, NetworkFault fault) {
        return fault(name, Objects.requireNonNull(fault, "fault").definition());
    }

    /**
     * A typed objective section: {@code objective(Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3)))}.
     *
     * @throws IllegalArgumentException when the section was already given
     */
    public ScenarioBuilder objective(ObjectiveDefinition objective) {
        Objects.requireNonNull(objective, "objective");
        return objective(objective.section(), objective.fields());
    }

    /** {@code halt-when:} abort the run and revert every fault once {@code probe} has failed for {@code failingFor}. */
    public ScenarioBuilder haltWhen(String probe, Duration failingFor) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("probe", Objects.requireNonNull(probe, "halt-when probe"));
        condition.put("failing-for", Durations.text(Objects.requireNonNull(failingFor, "failingFor")));
        haltWhen.add(condition);
        return this;
    }

    /** The scenario as a YAML file would hold it (the topology as an absolute path), to print or save it. */
    public String toYaml() {
        Map<String, Object> plain = new LinkedHashMap<>();
        document().forEach((key, value) -> plain.put(key, YamlText.plain(value)));
        return YamlText.write(plain);
    }

    /** The scenario document as Java values, as {@link #build()} hands it to the loader. */
    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", name);
        if (description != null) {
            doc.put("description", description);
        }
        if (topology != null) {
            doc.put("topology", topology.toAbsolutePath().normalize().toString());
        }
        if (seed != null) {
            doc.put("seed", seed);
        }
        if (sampleEvery != null || sharpen != null || !probes.isEmpty()) {
            Map<String, Object> steadyState = new LinkedHashMap<>();
            if (sampleEvery != null) {
                steadyState.put("sample-every", Durations.text(sampleEvery));
            }
            if (sharpen != null) {
                steadyState.put("sharpen", sharpen);
            }
            if (!probes.isEmpty()) {
                steadyState.put("probes", probes);
            }
            doc.put("steady-state", steadyState);
        }
        if (load != null) {
            doc.put("load", load);
        }
        if (!faults.isEmpty()) {
            doc.put("faults", faults);
        }
        if (!objectives.isEmpty()) {
            doc.put("objectives", objectives);
        }
        if (!haltWhen.isEmpty()) {
            doc.put("halt-when", haltWhen);
        }
        return doc;
    }

    /**
     * The scenario, checked as its YAML would be, by the same code. Its {@link Scenario#source()} is
     * {@code Faultline.scenario(<name>)}, the name problems are reported under.
     *
     * @throws InvalidScenarioException with every problem found, each naming the field path (problems in the
     *                                  topology file keep its line and column)
     */
    public Scenario build() {
        return loader.apply(document(), source());
    }

    private Path source() {
        try {
            return Path.of("Faultline.scenario(" + name + ")");
        } catch (InvalidPathException e) {
            return Path.of("Faultline.scenario");
        }
    }
}
