package dev.faultline.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One fault of a scenario, typed: its type and settings (from {@link Faults}), where it acts ({@link #on}), when it
 * starts ({@link #at}, counted from the start of the load) and how long it lasts ({@link #lasting}; none for an
 * instantaneous fault). Immutable: every method returns a new definition. Values are checked when the scenario is
 * built, by the same code and with the same messages as a scenario file's {@code faults:} entry.
 *
 * <pre>{@code
 * FaultDefinition kill = Faults.agentCrash(Signal.KILL).on("worker[0]").at(ofSeconds(10));
 * }</pre>
 */
public final class FaultDefinition {
    private final String type;
    private final Settings with;
    private final String target;
    private final Duration at;
    private final Duration duration;

    private FaultDefinition(String type, Settings with, String target, Duration at, Duration duration) {
        this.type = Objects.requireNonNull(type, "fault type");
        this.with = with;
        this.target = target;
        this.at = at;
        this.duration = duration;
    }

    static FaultDefinition of(String type, Settings with) {
        return new FaultDefinition(type, with, null, null, null);
    }

    /** On {@code target} as the format writes it: {@code worker}, {@code worker[0]}, {@code worker->rabbitmq}. */
    public FaultDefinition on(String target) {
        return new FaultDefinition(type, with, Objects.requireNonNull(target, "target"), at, duration);
    }

    /** On a typed target: {@code on(Targets.service("worker").instance(0))}. */
    public FaultDefinition on(FaultTarget target) {
        return on(target.text());
    }

    /** On every replica of a service: {@code on(Targets.service("rabbitmq"))}. */
    public FaultDefinition on(Targets.Service service) {
        return on(service.all());
    }

    /** Starting {@code at} after the load starts. */
    public FaultDefinition at(Duration at) {
        return new FaultDefinition(type, with, target, Objects.requireNonNull(at, "at"), duration);
    }

    /** Lasting {@code duration} ({@code duration:}); an instantaneous fault takes none. */
    public FaultDefinition lasting(Duration duration) {
        return new FaultDefinition(type, with, target, at, Objects.requireNonNull(duration, "duration"));
    }

    /**
     * One more field of {@code with:}, as a scenario file would give it: text, a number, a boolean, a
     * {@link Duration}, a {@link Map} or list of such values. Typed values of this package ({@link Percent},
     * {@link Size}, {@link Rate}, {@link FaultTarget}) are written as the format writes them.
     */
    public FaultDefinition with(String key, Object value) {
        return new FaultDefinition(type, with.with(key, Values.plain(value)), target, at, duration);
    }

    public String type() {
        return type;
    }

    /** The target as the format writes it, or {@code null} before {@link #on}. */
    public String target() {
        return target;
    }

    /** When it starts, or {@code null} before {@link #at}. */
    public Duration at() {
        return at;
    }

    /** How long it lasts, or {@code null} for none. */
    public Duration duration() {
        return duration;
    }

    /** The fields of {@code with:}, in the order given. */
    public Map<String, Object> settings() {
        return with.asMap();
    }

    /** The entry of {@code faults:} named {@code name}, as the loader takes it (absent parts are left out). */
    public Map<String, Object> toDocument(String name) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("name", Objects.requireNonNull(name, "fault name"));
        fault.put("type", type);
        if (target != null) {
            fault.put("target", target);
        }
        if (at != null) {
            fault.put("at", at);
        }
        if (duration != null) {
            fault.put("duration", duration);
        }
        if (!with.asMap().isEmpty()) {
            fault.put("with", with.asMap());
        }
        return fault;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultDefinition other && type.equals(other.type) && with.equals(other.with)
                && Objects.equals(target, other.target) && Objects.equals(at, other.at)
                && Objects.equals(duration, other.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, with, target, at, duration);
    }

    @Override
    public String toString() {
        return type + " " + with + (target == null ? "" : " on " + target) + (at == null ? "" : " at " + at)
                + (duration == null ? "" : " lasting " + duration);
    }
}
