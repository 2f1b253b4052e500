package dev.faultline.engine.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;

/** Reads one scenario file's root mapping into a {@link Scenario}, recording every problem on the way. */
final class ScenarioReader {
    static final String DEFAULT_LOAD_DRIVER = "ledger";
    static final Duration DEFAULT_PROBE_WITHIN = Duration.ofSeconds(1);
    static final int DEFAULT_PROBE_STATUS = 200;
    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);
    static final Duration MIN_SAMPLE_EVERY = Duration.ofMillis(10);
    static final Duration MAX_SAMPLE_EVERY = Duration.ofMinutes(1);
    static final Duration MIN_SHARPEN = Duration.ofMillis(1);
    static final Duration MAX_SHARPEN = Duration.ofSeconds(1);

    /** {@code steady-state.sharpen}: {@code off} (zero), or how often extra probes go out, from 1ms to 1s. */
    private static Duration sharpen(YamlValue v) {
        if (v.isScalar() && "off".equals(v.text())) {
            return Duration.ZERO;
        }
        String what = "off, or a duration from 1ms to 1s";
        Duration d;
        try {
            d = v.duration();
        } catch (InvalidScenarioException e) {
            throw v.expected(what);
        }
        if (d.compareTo(MIN_SHARPEN) < 0 || d.compareTo(MAX_SHARPEN) > 0) {
            throw v.expected(what);
        }
        return d;
    }
    static final Duration MAX_PROBE_WITHIN = Duration.ofMinutes(1);
    /** The fastest load: {@value} items a second. */
    static final double MAX_RATE_PER_SECOND = 10_000;
    /** The slowest load: one item an hour. */
    static final double MIN_RATE_PER_SECOND = 1.0 / 3600;
    /** The most concurrent users of a closed workload. */
    static final int MAX_USERS = 10_000;
    private static final int MAX_CLASS_NAME = 256;
    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final String[] SCENARIO_FIELDS = {"scenario", "description", "topology", "seed", "steady-state",
            "load", "faults", "objectives", "halt-when"};

    private final Plugins plugins;
    private final Problems problems;
    private final boolean topologyInTree;

    /**
     * @param topologyInTree whether a {@code topology:} file must lie in the scenario's tree (a scenario file's; a
     *                       scenario a program writes names its topology file where it likes)
     */
    ScenarioReader(Plugins plugins, Problems problems, boolean topologyInTree) {
        this.plugins = plugins;
        this.problems = problems;
        this.topologyInTree = topologyInTree;
    }

    /**
     * What was read: the scenario ({@code null} when it has problems) and its name with where it is written (for
     * the suite's check that names are unique; {@code null} when the name itself is wrong).
     */
    record Result(Scenario scenario, String name, YamlValue nameValue) {
    }

    Result read(Path source, YamlParams root) {
        int before = problems.count();
        problems.attempt(() -> root.allowOnly(SCENARIO_FIELDS));
        String name = problems.attempt(() -> Fields.name(root.requiredValue("scenario"), "worker-crash"));
        String description = problems.attempt(() -> root.string("description").orElse(""));
        Topology topology = readTopology(source, root, name);
        Long seed = problems.attempt(() -> root.integer("seed").orElse(0L));

        Duration sampleEvery = Scenario.DEFAULT_SAMPLE_EVERY;
        Duration sharpen = Scenario.DEFAULT_SHARPEN;
        List<Probe> probes = new ArrayList<>();
        List<String> probeNames = new ArrayList<>();
        boolean probeNamesKnown = false;
        YamlParams steadyState = problems.attempt(() -> root.sectionOrEmpty("steady-state"));
        if (steadyState != null) {
            problems.attempt(() -> steadyState.allowOnly("sample-every", "sharpen", "probes"));
            sampleEvery = problems.attempt(() -> steadyState.value("sample-every")
                    .map(v -> v.duration(MIN_SAMPLE_EVERY, MAX_SAMPLE_EVERY, "a duration from 10ms to 1m"))
                    .orElse(Scenario.DEFAULT_SAMPLE_EVERY));
            sharpen = problems.attempt(() -> steadyState.value("sharpen").map(ScenarioReader::sharpen)
                    .orElse(Scenario.DEFAULT_SHARPEN));
            probeNamesKnown = readProbes(steadyState, topology, probes, probeNames);
        }
        LoadSpec load = problems.attempt(() -> root.value("load").map(v -> readLoad(v, topology)).orElse(null));
        List<FaultSpec> faults = readFaults(root, topology);
        List<Objective> objectives = readObjectives(root, topology);
        List<HaltCondition> haltWhen = readHaltWhen(root, probeNamesKnown ? probeNames : null);
        if (load != null) {
            checkFaultsWithinLoad(root, load, faults);
        }

        YamlValue nameValue = name == null ? null : root.value("scenario").orElseThrow();
        if (problems.count() != before) {
            return new Result(null, name, nameValue);
        }
        Duration every = sampleEvery;
        Duration sharpenEvery = sharpen;
        Scenario scenario = problems.build(root, () -> new Scenario(name, description, source, topology, seed, every,
                probes, load, faults, objectives, haltWhen, sharpenEvery));
        return new Result(scenario, name, nameValue);
    }

    // ---- topology

    private Topology readTopology(Path source, YamlParams root, String scenarioName) {
        YamlValue value = problems.attempt(() -> root.requiredValue("topology"));
        if (value == null) {
            return null;
        }
        if (value.isMapping()) {
            return new TopologyReader(problems).read(value.mapping(), scenarioName == null ? "inline" : scenarioName);
        }
        if (!value.isScalar()) {
            problems.addAll(value.expected("a topology file (relative to this file) or an inline topology mapping"));
            return null;
        }
        Path file = topologyFile(source, value);
        if (file == null) {
            return null;
        }
        YamlParams topologyRoot = YamlDocuments.readRoot(file, "topology", value, problems);
        return topologyRoot == null ? null : new TopologyReader(problems).read(topologyRoot, null);
    }

    /**
     * The topology file {@code value} names, relative to the scenario's folder, or {@code null} after recording why
     * it is refused: it must be a {@code .yaml} or {@code .yml} file inside the scenario's tree (its folder, or the
     * folder above, where a suite's {@code topologies/} sits beside its sub-folders), symbolic links resolved.
     */
    private Path topologyFile(Path source, YamlValue value) {
        String text = value.text();
        Path folder = source.toAbsolutePath().normalize().getParent();
        Path file;
        try {
            file = folder == null ? null : folder.resolve(text).normalize();
        } catch (InvalidPathException e) {
            file = null;
        }
        String name = file == null ? "" : String.valueOf(file.getFileName());
        if (file == null || text.indexOf('\0') >= 0 || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
            problems.addAll(value.expected("a topology file ending in .yaml or .yml, relative to this file (e.g. "
                    + "topologies/support-desk.yaml)"));
            return null;
        }
        Path tree = folder.getParent() == null ? folder : folder.getParent();
        boolean inside = !topologyInTree || file.startsWith(tree);
        if (topologyInTree && inside && Files.exists(file)) {
            try {
                inside = file.toRealPath().startsWith(tree.toRealPath());
            } catch (IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            problems.addAll(value.expected("a topology file inside this scenario's folder or the folder above it ("
                    + Excerpt.of(tree.toString(), 120) + "), symbolic links resolved"));
            return null;
        }
        return source.resolveSibling(text).normalize();
    }

    // ---- steady state

    /** Reads the probes; returns whether every probe's name could be read (so references to others are wrong). */
    private boolean readProbes(YamlParams steadyState, Topology topology, List<Probe> probes, List<String> probeNames) {
        List<YamlValue> items = problems.attempt(() -> steadyState.value("probes").map(YamlValue::items).orElse(List.of()));
        if (items == null) {
            return false;
        }
        boolean namesKnown = true;
        Map<String, String> firstUse = new HashMap<>();
        for (YamlValue item : items) {
            YamlParams p = problems.attempt(item::mapping);
            if (p == null) {
                namesKnown = false;
                continue;
            }
            int before = problems.count();
            problems.attempt(() -> p.allowOnly("name", "http", "expect"));
            String name = problems.attempt(() -> Fields.probeName(p.requiredValue("name")));
            namesKnown &= name != null;
            if (name != null) {
                if (probeNames != null && !probeNames.contains(name)) {
                    probeNames.add(name);
                }
                unique(p, "name", name, "probe", firstUse);
            }
            Endpoint http = problems.attempt(() -> endpoint(p.requiredValue("http"), topology));
            YamlParams expect = problems.attempt(() -> p.sectionOrEmpty("expect"));
            Integer status = expect == null ? null : problems.attempt(() -> expect.allowOnly("status", "within")
                    .value("status").map(v -> v.integer(100, 599, "an HTTP status (100-599)")).orElse(DEFAULT_PROBE_STATUS));
            Duration within = expect == null ? null : problems.attempt(() -> expect.value("within")
                    .map(v -> v.duration(Duration.ofMillis(1), MAX_PROBE_WITHIN, "a duration from 1ms to 1m"))
                    .orElse(DEFAULT_PROBE_WITHIN));
            if (problems.count() == before) {
                Probe probe = problems.build(p, () -> new Probe(name, http, status, within));
                if (probe != null) {
                    probes.add(probe);
                }
            }
        }
        return namesKnown;
    }

    /** {@code {service, port, path}}; the service is a service or one replica, and must be in the topology. */
    private Endpoint endpoint(YamlValue value, Topology topology) {
        YamlParams p = value.mapping();
        int before = problems.count();
        problems.attempt(() -> p.allowOnly("service", "port", "path"));
        Target service = problems.attempt(() -> endpointTarget(p.requiredValue("service"), topology));
        Integer port = problems.attempt(() -> p.requiredValue("port").port());
        String path = problems.attempt(() -> Fields.httpPath(p.requiredValue("path")));
        if (problems.count() != before) {
            return null;
        }
        return problems.build(p, () -> new Endpoint(service, port, path));
    }

    private static Target endpointTarget(YamlValue value, Topology topology) {
        Target target = value.target();
        if (target.isLink()) {
            throw value.expected("a service, optionally with [index] (e.g. worker[1]); a probe cannot name a link");
        }
        if (target.kind() == Target.Kind.RANDOM || target.kind() == Target.Kind.PERCENT) {
            throw value.expected("a service or one of its replicas (e.g. worker or \"worker[1]\")");
        }
        checkInTopology(value, target, topology);
        return target;
    }

    /** The target's service exists and its index is below the replicas (not checked without a topology). */
    private static void checkInTopology(YamlValue value, Target target, Topology topology) {
        if (topology == null) {
            return;
        }
        ServiceSpec service = existingService(value, target.service(), topology);
        if (target.kind() == Target.Kind.INDEX && target.value() >= service.replicas()) {
            throw value.invalid(target + " is out of range: " + service.name() + " has " + replicas(service));
        }
    }

    private static ServiceSpec existingService(YamlValue value, String name, Topology topology) {
        return topology.service(name).orElseThrow(() -> value.invalid(Hints.unknown("unknown service '" + Excerpt.of(name) + "'",
                name, topology.services().keySet(), "Services:")));
    }

    private static String replicas(ServiceSpec service) {
        return service.replicas() == 1
                ? "1 replica (" + service.name() + "[0])"
                : service.replicas() + " replicas (" + service.name() + "[0] to " + service.name() + "["
                        + (service.replicas() - 1) + "])";
    }

    // ---- load

    private LoadSpec readLoad(YamlValue value, Topology topology) {
        YamlParams p = value.mapping();
        int before = problems.count();
        problems.attempt(() -> p.allowOnly("driver", "rate", "users", "ramp-up", "simulation", "duration", "submit",
                "results", "drain"));
        String driver = problems.attempt(() -> loadDriver(p));
        if (driver != null) {
            problems.attempt(() -> driverTakes(p, driver));
        }
        problems.attempt(() -> oneWorkload(p, driver));
        Rate rate = p.has("rate") ? problems.attempt(() -> rate(p.requiredValue("rate"))) : null;
        Integer users = p.has("users")
                ? problems.attempt(() -> p.requiredValue("users").integer(1, MAX_USERS, "a whole number of users from 1 to "
                        + MAX_USERS))
                : null;
        String simulation = p.has("simulation") ? problems.attempt(() -> simulationClass(p.requiredValue("simulation")))
                : null;
        Duration duration = problems.attempt(() -> p.requiredValue("duration").positiveDuration());
        Duration rampUp = problems.attempt(() -> rampUp(p, duration));
        Endpoint submit = problems.attempt(() -> endpoint(p.requiredValue("submit"), topology));
        Endpoint results = problems.attempt(() -> endpoint(p.requiredValue("results"), topology));
        Duration drain = problems.attempt(() -> p.duration("drain").orElse(DEFAULT_DRAIN));
        if (problems.count() != before) {
            return null;
        }
        LoadSpec spec = problems.build(p, () -> new LoadSpec(driver, rate, users, rampUp, simulation, duration, submit,
                results, drain));
        if (spec != null) {
            for (LoadDriver.OptionProblem problem : plugins.loadDriver(driver).orElseThrow().check(spec)) {
                problems.addAll(p.invalid(problem.field(), problem.message()));
            }
        }
        return spec;
    }

    /** Every field beyond those all drivers take must be one {@code driver} takes. */
    private Void driverTakes(YamlParams load, String driver) {
        Set<String> takes = plugins.loadDriver(driver).orElseThrow().options();
        List<InvalidScenarioException> found = new ArrayList<>();
        for (String option : List.of("users", "ramp-up", "simulation")) {
            if (load.has(option) && !takes.contains(option)) {
                List<String> others = plugins.loadDriverNames().stream()
                        .filter(n -> plugins.loadDriver(n).orElseThrow().options().contains(option)).toList();
                found.add(load.invalid(option, "the " + driver + " driver does not take " + option
                        + (others.isEmpty() ? "" : "; " + String.join(", ", others) + " does (driver: "
                                + others.get(0) + ")")));
            }
        }
        if (!found.isEmpty()) {
            throw new InvalidScenarioException(found.stream().flatMap(e -> e.problems().stream()).toList());
        }
        return null;
    }

    /** Exactly one of rate (open), users (closed) and simulation (the user's own). */
    private Void oneWorkload(YamlParams load, String driver) {
        List<String> given = Stream.of("rate", "users", "simulation").filter(load::has).toList();
        if (given.isEmpty()) {
            Set<String> takes = driver == null ? Set.of() : plugins.loadDriver(driver).orElseThrow().options();
            List<String> others = Stream.of("users", "simulation").filter(takes::contains).toList();
            throw load.invalid("rate", "is required" + (others.isEmpty() ? ""
                    : " (or " + String.join(", or ", others) + ")"));
        }
        if (given.size() > 1) {
            throw load.invalid(given.get(1), "expected one of rate, users and simulation but found both "
                    + given.get(0) + " and " + given.get(1));
        }
        return null;
    }

    /** {@code ramp-up}: only with {@code rate}, and shorter than the load. */
    private static Duration rampUp(YamlParams load, Duration duration) {
        Optional<YamlValue> value = load.value("ramp-up");
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        if (!load.has("rate")) {
            throw value.get().invalid("ramp-up rises to load.rate: give a rate with it");
        }
        Duration rampUp = value.get().positiveDuration();
        if (duration != null && rampUp.compareTo(duration) >= 0) {
            throw value.get().expected("a time shorter than load.duration (" + Durations.text(duration) + ")");
        }
        return rampUp;
    }

    /** A Java class name ({@code com.example.MySimulation}): only its syntax here; the driver checks the class. */
    private static String simulationClass(YamlValue value) {
        String name = value.text();
        if (name.length() > MAX_CLASS_NAME || !CLASS_NAME.matcher(name).matches()) {
            throw value.expected("a Java class name like com.example.MySimulation");
        }
        return name;
    }

    private static Rate rate(YamlValue value) {
        Rate rate = value.rate();
        if (rate.perSecond() > MAX_RATE_PER_SECOND || rate.perSecond() < MIN_RATE_PER_SECOND) {
            throw value.expected("a rate from 1/h to 10000/s");
        }
        return rate;
    }

    /**
     * Every fault starts while the load runs and is over by the time it ends: a fault after the load, or one still
     * acting when no more items are submitted, would be judged on work the run never does.
     */
    private void checkFaultsWithinLoad(YamlParams root, LoadSpec load, List<FaultSpec> faults) {
        Duration loadEnd = load.duration();
        List<YamlValue> items = root.value("faults").map(YamlValue::items).orElse(List.of());
        for (FaultSpec fault : faults) {
            YamlParams p = items.stream().map(YamlValue::mapping)
                    .filter(i -> i.value("name").map(YamlValue::text).filter(fault.name()::equals).isPresent())
                    .findFirst().orElse(null);
            if (p == null) {
                continue;
            }
            if (fault.at().compareTo(loadEnd) >= 0) {
                problems.addAll(p.invalid("at", "expected a time before the load ends (load.duration "
                        + Durations.text(loadEnd) + ") but was " + Durations.text(fault.at())
                        + "; a fault after the load acts on no work"));
                continue;
            }
            Duration lasts = fault.duration() == null ? Duration.ZERO : fault.duration();
            if (fault.fault().span().compareTo(lasts) > 0) {
                lasts = fault.fault().span();
            }
            Duration end = fault.at().plus(lasts);
            if (end.compareTo(loadEnd) > 0) {
                problems.addAll(p.invalid(fault.duration() == null ? "with" : "duration", "the fault acts until "
                        + Durations.text(end) + " but the load ends at " + Durations.text(loadEnd)
                        + " (load.duration); end the fault within the load or lengthen the load"));
            }
        }
    }

    /** The {@code driver:} (by default {@value #DEFAULT_LOAD_DRIVER}), which must be an installed load driver. */
    private String loadDriver(YamlParams load) {
        Optional<YamlValue> value = load.value("driver");
        String driver = value.map(YamlValue::text).orElse(DEFAULT_LOAD_DRIVER);
        if (plugins.loadDriver(driver).isPresent()) {
            return driver;
        }
        String expected = plugins.loadDriverNames().isEmpty()
                ? "an installed load driver (none is installed)"
                : "one of " + String.join(", ", plugins.loadDriverNames());
        throw value.map(v -> v.expected(expected))
                .orElseGet(() -> load.invalid("driver", "expected " + expected + " but was the default '"
                        + DEFAULT_LOAD_DRIVER + "'"));
    }

    // ---- faults

    private List<FaultSpec> readFaults(YamlParams root, Topology topology) {
        List<FaultSpec> faults = new ArrayList<>();
        List<YamlValue> items = problems.attempt(() -> root.value("faults").map(YamlValue::items).orElse(List.of()));
        if (items == null) {
            return faults;
        }
        Map<String, String> firstUse = new HashMap<>();
        for (YamlValue item : items) {
            YamlParams p = problems.attempt(item::mapping);
            FaultSpec fault = p == null ? null : readFault(p, topology, firstUse);
            if (fault != null) {
                faults.add(fault);
            }
        }
        return faults;
    }

    private FaultSpec readFault(YamlParams p, Topology topology, Map<String, String> firstUse) {
        int before = problems.count();
        problems.attempt(() -> p.allowOnly("name", "type", "target", "at", "duration", "with"));
        String name = problems.attempt(() -> Fields.name(p.requiredValue("name"), "kill-worker"));
        if (name != null) {
            unique(p, "name", name, "fault", firstUse);
        }
        FaultType type = problems.attempt(() -> faultType(p.requiredValue("type")));
        Target target = problems.attempt(() -> faultTarget(p.requiredValue("target"), topology));
        Duration at = problems.attempt(() -> p.requiredValue("at").duration());
        int beforeDuration = problems.count();
        Duration duration = problems.attempt(() -> p.value("duration").map(YamlValue::positiveDuration).orElse(null));
        if (type != null && problems.count() == beforeDuration) {
            checkDuration(p, type, duration);
        }
        boolean durationOk = problems.count() == beforeDuration;
        YamlParams with = problems.attempt(() -> p.sectionOrEmpty("with"));
        Fault fault = type != null && durationOk && with != null ? configure(type, with, duration) : null;
        if (fault != null && target != null) {
            problems.attempt(() -> {
                checkReach(p.requiredValue("target"), type.type(), fault.reach(), target, topology);
                return target;
            });
            ServiceSpec service = topology == null ? null : topology.services().get(target.service());
            if (service != null) {
                fault.unsuitableIn(topology, service).ifPresent(why -> problems.addAll(p.invalid("target", why)));
            }
        }
        if (problems.count() != before) {
            return null;
        }
        return problems.build(p, () -> new FaultSpec(name, type.type(), target, at, duration, fault));
    }

    private FaultType faultType(YamlValue value) {
        String type = Fields.nonBlank(value);
        return plugins.faultType(type).orElseThrow(() -> value.invalid(plugins.faultTypeNames().isEmpty()
                ? "unknown fault type '" + Excerpt.of(type) + "'; no fault types are installed"
                : Hints.unknown("unknown fault type '" + Excerpt.of(type) + "'", type, plugins.faultTypeNames(), "Known types:")));
    }

    private void checkDuration(YamlParams p, FaultType type, Duration duration) {
        if (type.durationRule() == FaultType.DurationRule.REQUIRED && duration == null) {
            problems.addAll(p.invalid("duration", "is required for a fault of type " + type.type()
                    + " (how long the fault lasts, e.g. 15s)"));
        } else if (type.durationRule() == FaultType.DurationRule.FORBIDDEN && duration != null) {
            problems.addAll(p.invalid("duration", "a fault of type " + type.type()
                    + " happens at an instant and takes no duration; remove it"));
        }
    }

    private Fault configure(FaultType type, YamlParams with, Duration duration) {
        try {
            Fault fault = type.configure(with, duration);
            if (fault == null) {
                throw new IllegalStateException("fault type '" + type.type() + "' (" + type.getClass().getName()
                        + ") returned no fault from configure");
            }
            return fault;
        } catch (InvalidScenarioException e) {
            problems.addAll(e);
        } catch (IllegalArgumentException e) {
            problems.addAll(with.invalid(null, e.getMessage()));
        }
        return null;
    }

    /**
     * {@code worker}, {@code worker[0]}, {@code worker[random]}, {@code worker[50%]}, or a link
     * {@code worker->rabbitmq} / {@code worker[0]->rabbitmq} (which the topology must declare).
     */
    private static Target faultTarget(YamlValue value, Topology topology) {
        Target target = value.faultTarget();
        if (!target.isLink()) {
            checkInTopology(value, target, topology);
            return target;
        }
        if (topology != null) {
            checkInTopology(value, new Target(target.service(), target.kind(), target.value()), topology);
            existingService(value, target.linkTo(), topology);
            boolean declared = topology.links().stream()
                    .anyMatch(l -> l.from().equals(target.service()) && l.to().equals(target.linkTo()));
            if (!declared) {
                String links = topology.links().isEmpty()
                        ? "the topology declares no links"
                        : "links: " + String.join(", ", topology.links().stream().map(Link::id).distinct().toList());
                throw value.invalid("no link " + target.service() + "->" + target.linkTo() + " in topology "
                        + topology.name() + "; " + links);
            }
        }
        return target;
    }

    /** The target is of a kind the fault acts on; a fault that works through the proxy has one to work through. */
    private static void checkReach(YamlValue value, String type, Fault.Reach reach, Target target, Topology topology) {
        if (target.isLink() && reach != Fault.Reach.LINKS) {
            throw value.invalid("a fault of type " + type + " acts on a service's instances, not on a link; name the "
                    + "service (e.g. " + target.linkTo() + " or " + target.service() + "[0])");
        }
        if (target.isLink() || reach == Fault.Reach.INSTANCES || topology == null) {
            return;
        }
        String service = target.service();
        if (topology.links().stream().noneMatch(l -> l.to().equals(service))) {
            String example = topology.services().keySet().stream().filter(s -> !s.equals(service)).findFirst()
                    .orElse("client");
            throw value.invalid("a fault of type " + type + " works through the fault proxy, but no link leads to "
                    + service + " in topology " + topology.name() + "; declare one under links: (e.g. { from: "
                    + example + ", to: " + service + ", port: <its port> })");
        }
    }

    // ---- objectives

    private List<Objective> readObjectives(YamlParams root, Topology topology) {
        List<Objective> objectives = new ArrayList<>();
        YamlParams section = problems.attempt(() -> root.value("objectives").map(YamlValue::mapping).orElse(null));
        if (section == null) {
            return objectives;
        }
        for (String key : section.keys()) {
            Optional<ObjectiveType> type = plugins.objectiveType(key);
            if (type.isEmpty()) {
                problems.addAll(section.keyOf(key).orElseThrow().invalid(plugins.objectiveKeys().isEmpty()
                        ? "unknown objective; no objective types are installed"
                        : Hints.unknown("unknown objective", key, plugins.objectiveKeys(), "Expected one of")));
            }
            YamlParams params = problems.attempt(() -> section.sectionOrEmpty(key));
            if (type.isPresent() && params != null && topology != null) {
                Objective objective = configure(type.get(), params, topology);
                if (objective != null) {
                    objectives.add(objective);
                }
            }
        }
        return objectives;
    }

    private Objective configure(ObjectiveType type, YamlParams section, Topology topology) {
        try {
            Objective objective = type.configure(section, topology);
            if (objective == null) {
                throw new IllegalStateException("objective type '" + type.key() + "' (" + type.getClass().getName()
                        + ") returned no objective from configure");
            }
            return objective;
        } catch (InvalidScenarioException e) {
            problems.addAll(e);
        } catch (IllegalArgumentException e) {
            problems.addAll(section.invalid(null, e.getMessage()));
        }
        return null;
    }

    // ---- halt-when

    /** The halt conditions; their probes are checked against {@code probeNames} unless that is {@code null}. */
    private List<HaltCondition> readHaltWhen(YamlParams root, List<String> probeNames) {
        List<HaltCondition> conditions = new ArrayList<>();
        List<YamlValue> items = problems.attempt(() -> root.value("halt-when").map(YamlValue::items).orElse(List.of()));
        if (items == null) {
            return conditions;
        }
        for (YamlValue item : items) {
            YamlParams p = problems.attempt(item::mapping);
            if (p == null) {
                continue;
            }
            int before = problems.count();
            problems.attempt(() -> p.allowOnly("probe", "failing-for"));
            String probe = problems.attempt(() -> {
                YamlValue value = p.requiredValue("probe");
                String name = Fields.nonBlank(value);
                if (probeNames != null && !probeNames.contains(name)) {
                    throw value.invalid(probeNames.isEmpty()
                            ? "unknown probe '" + Excerpt.of(name) + "'; steady-state declares no probes"
                            : Hints.unknown("unknown probe '" + Excerpt.of(name) + "'", name, probeNames, "Probes:"));
                }
                return name;
            });
            Duration failingFor = problems.attempt(() -> p.requiredValue("failing-for").duration());
            if (problems.count() == before) {
                HaltCondition condition = problems.build(p, () -> new HaltCondition(probe, failingFor));
                if (condition != null) {
                    conditions.add(condition);
                }
            }
        }
        return conditions;
    }

    // ---- shared

    /** Records a problem when {@code name} was already used by another {@code what} of this list. */
    private void unique(YamlParams p, String key, String name, String what, Map<String, String> firstUse) {
        String first = firstUse.putIfAbsent(name, p.path());
        if (first != null) {
            problems.addAll(p.invalid(key, "duplicate " + what + " name '" + Excerpt.of(name) + "' (first used by " + first + ")"));
        }
    }}
