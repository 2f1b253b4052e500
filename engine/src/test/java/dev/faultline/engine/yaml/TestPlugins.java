package dev.faultline.engine.yaml;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;
import dev.faultline.engine.timeline.RunRecord;

/**
 * Fault types, objective types and a load driver for the loader's tests: they read their sections the way real
 * plugins do. The one load driver is {@code ledger}.
 */
final class TestPlugins {
    private TestPlugins() {
    }

    static Plugins all() {
        return Plugins.of(
                List.of(new CrashType(), new OutageType(), new HangType(), new NetworkType()),
                List.of(new RecoveryType(), new ContainmentType(), new IntegrityType(), new SloType()),
                List.of(new TestDriver("ledger")));
    }

    static ScenarioLoader loader() {
        return ScenarioLoader.withPlugins(all());
    }

    enum Signal { KILL, TERM }

    enum Mode { STOP, KILL, PAUSE, DISCONNECT }

    /** What a test fault type read from {@code with:}. */
    record TestFault(String type, Map<String, Object> values, Duration duration) implements Fault {
        @Override
        public Handle handle(FaultContext context) {
            throw new AssertionError("the loader must not start a run of a fault");
        }

        @Override
        public Reach reach() {
            return type.equals("test-network") ? Reach.LINKS : Reach.INSTANCES;
        }

        @Override
        public String describe() {
            return type + values;
        }
    }

    /** A load driver known by name only: the loader checks {@code load.driver} against it and starts nothing. */
    record TestDriver(String name) implements LoadDriver {
        @Override
        public Running start(LoadSpec spec, Context context) {
            throw new AssertionError("the loader must not start load");
        }
    }

    /**
     * A load driver that takes {@code users}, {@code ramp-up} and {@code simulation}, and finds no simulation class
     * but {@code com.example.Known}.
     */
    record ShapingDriver(String name) implements LoadDriver {
        @Override
        public java.util.Set<String> options() {
            return java.util.Set.of("users", "ramp-up", "simulation");
        }

        @Override
        public List<OptionProblem> check(LoadSpec spec) {
            return spec.simulation() == null || spec.simulation().equals("com.example.Known") ? List.of()
                    : List.of(new OptionProblem("simulation", "expected a class on the classpath but was '"
                            + spec.simulation() + "'"));
        }

        @Override
        public Running start(LoadSpec spec, Context context) {
            throw new AssertionError("the loader must not start load");
        }
    }

    /** What a test objective type read from its section. */
    record TestObjective(String name, Map<String, Object> values) implements Objective {
        @Override
        public List<Check> evaluate(RunRecord run, Measurements figures) {
            return List.of();
        }
    }

    /** {@code test-crash}: instantaneous; {@code signal: KILL|TERM}, {@code repeat: {times, every}}. */
    static final class CrashType implements FaultType {
        @Override
        public String type() {
            return "test-crash";
        }

        @Override
        public DurationRule durationRule() {
            return DurationRule.FORBIDDEN;
        }

        @Override
        public Fault configure(Params with, Duration duration) {
            with.allowOnly("signal", "repeat");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("signal", with.enumValue("signal", Signal.class).orElse(Signal.KILL));
            with.section("repeat").ifPresent(repeat -> {
                repeat.allowOnly("times", "every");
                long times = repeat.integer("times").orElseThrow(() -> repeat.invalid("times", "is required"));
                if (times < 1) {
                    throw repeat.invalid("times", "expected at least 1 but was " + times);
                }
                values.put("times", times);
                values.put("every", repeat.duration("every").orElseThrow(() -> repeat.invalid("every", "is required")));
            });
            return new TestFault(type(), values, duration);
        }
    }

    /** {@code test-outage}: needs a duration; {@code mode: stop|kill|pause|disconnect} (required). */
    static final class OutageType implements FaultType {
        @Override
        public String type() {
            return "test-outage";
        }

        @Override
        public DurationRule durationRule() {
            return DurationRule.REQUIRED;
        }

        @Override
        public Fault configure(Params with, Duration duration) {
            with.allowOnly("mode");
            Mode mode = with.enumValue("mode", Mode.class).orElseThrow(() -> with.invalid("mode", "is required"));
            return new TestFault(type(), Map.of("mode", mode), duration);
        }
    }

    /** {@code test-hang}: needs a duration, takes no parameters. */
    static final class HangType implements FaultType {
        @Override
        public String type() {
            return "test-hang";
        }

        @Override
        public DurationRule durationRule() {
            return DurationRule.REQUIRED;
        }

        @Override
        public Fault configure(Params with, Duration duration) {
            with.allowOnly();
            return new TestFault(type(), Map.of(), duration);
        }
    }

    /** {@code test-network}: optional duration; every kind of value a plugin can read. */
    static final class NetworkType implements FaultType {
        @Override
        public String type() {
            return "test-network";
        }

        @Override
        public DurationRule durationRule() {
            return DurationRule.OPTIONAL;
        }

        @Override
        public Fault configure(Params with, Duration duration) {
            with.allowOnly("latency", "toxicity", "bandwidth", "enabled", "weight", "limit");
            Map<String, Object> values = new LinkedHashMap<>();
            with.duration("latency").ifPresent(v -> values.put("latency", v));
            with.fraction("toxicity").ifPresent(v -> values.put("toxicity", v));
            with.bytes("bandwidth").ifPresent(v -> values.put("bandwidth", v));
            with.bool("enabled").ifPresent(v -> values.put("enabled", v));
            with.number("weight").ifPresent(v -> values.put("weight", v));
            with.integer("limit").ifPresent(v -> {
                if (v > 1000) {
                    throw new IllegalArgumentException("limit must be at most 1000, but was " + v);
                }
                values.put("limit", v);
            });
            return new TestFault(type(), values, duration);
        }
    }

    /** {@code recovery: {within (required), stable-for}}. */
    static final class RecoveryType implements ObjectiveType {
        @Override
        public String key() {
            return "recovery";
        }

        @Override
        public Objective configure(Params section, Topology topology) {
            section.allowOnly("within", "stable-for");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("within", section.duration("within").orElseThrow(() -> section.invalid("within", "is required")));
            values.put("stable-for", section.duration("stable-for").orElse(Duration.ofSeconds(3)));
            return new TestObjective(key(), values);
        }
    }

    /** {@code containment: {may-degrade, must-stay-healthy, max-cascade-depth}}; services checked against the topology. */
    static final class ContainmentType implements ObjectiveType {
        @Override
        public String key() {
            return "containment";
        }

        @Override
        public Objective configure(Params section, Topology topology) {
            section.allowOnly("may-degrade", "must-stay-healthy", "max-cascade-depth");
            Map<String, Object> values = new LinkedHashMap<>();
            for (String key : List.of("may-degrade", "must-stay-healthy")) {
                List<String> services = section.strings(key).orElse(List.of());
                for (String service : services) {
                    if (topology.service(service).isEmpty()) {
                        throw section.invalid(key, "unknown service '" + service + "'");
                    }
                }
                values.put(key, services);
            }
            section.integer("max-cascade-depth").ifPresent(v -> values.put("max-cascade-depth", v));
            return new TestObjective(key(), values);
        }
    }

    /** {@code integrity: {lost, duplicated, rpo}}. */
    static final class IntegrityType implements ObjectiveType {
        @Override
        public String key() {
            return "integrity";
        }

        @Override
        public Objective configure(Params section, Topology topology) {
            section.allowOnly("lost", "duplicated", "rpo");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("lost", section.integer("lost").orElse(0L));
            values.put("duplicated", section.integer("duplicated").orElse(0L));
            values.put("rpo", section.duration("rpo").orElse(Duration.ZERO));
            return new TestObjective(key(), values);
        }
    }

    /** {@code slo: {error-rate, p99-latency}} as written. */
    static final class SloType implements ObjectiveType {
        @Override
        public String key() {
            return "slo";
        }

        @Override
        public Objective configure(Params section, Topology topology) {
            section.allowOnly("error-rate", "p99-latency");
            Map<String, Object> values = new LinkedHashMap<>();
            section.string("error-rate").ifPresent(v -> values.put("error-rate", v));
            section.string("p99-latency").ifPresent(v -> values.put("p99-latency", v));
            return new TestObjective(key(), values);
        }
    }
}
