package dev.faultline.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.faultline.engine.model.Durations;
import dev.faultline.injectors.BrokerMode;
import dev.faultline.injectors.Direction;
import dev.faultline.injectors.Signal;
import dev.faultline.injectors.resource.Resource;

/**
 * The shipped fault types, typed (docs/scenario-format.md, "Faults"), and {@link #of(String)} for a team's own.
 * Each factory returns a {@link FaultDefinition} to place with {@code on}, {@code at} and {@code lasting}; values
 * are checked when the scenario is built, by the fault type's own code, with the messages a scenario file gets.
 *
 * <pre>{@code
 * Faultline.scenario("worker-crash")
 *         .fault("kill-worker", Faults.agentCrash(Signal.KILL).on("worker[0]").at(ofSeconds(10)))
 *         .fault("slow-store", Faults.network().latency(ofMillis(300)).jitter(ofMillis(50))
 *                 .direction(Direction.DOWNSTREAM).on("worker->postgres").at(ofSeconds(10)).lasting(ofSeconds(15)));
 * }</pre>
 */
public final class Faults {
    private Faults() {
    }

    /** {@code agent-crash}: the agent's process gets {@code signal}; instantaneous. */
    public static FaultDefinition agentCrash(Signal signal) {
        return FaultDefinition.of("agent-crash", Settings.NONE.with("signal",
                Objects.requireNonNull(signal, "signal").name()));
    }

    /**
     * {@code agent-crash} with {@code repeat}: after the first crash, {@code times} more, {@code every} apart (a crash
     * loop).
     */
    public static FaultDefinition agentCrash(Signal signal, int times, Duration every) {
        Map<String, Object> repeat = new LinkedHashMap<>();
        repeat.put("times", times);
        repeat.put("every", Objects.requireNonNull(every, "every"));
        return agentCrash(signal).with("repeat", repeat);
    }

    /** {@code agent-hang}: the agent's process is frozen for the fault's duration. */
    public static FaultDefinition agentHang() {
        return FaultDefinition.of("agent-hang", Settings.NONE);
    }

    /** {@code broker-outage}: the broker goes away as {@code mode} says for the fault's duration. */
    public static FaultDefinition brokerOutage(BrokerMode mode) {
        return FaultDefinition.of("broker-outage", Settings.NONE.with("mode",
                Settings.word(Objects.requireNonNull(mode, "mode"))));
    }

    /** {@code network}: effects on a link or a service's traffic; give at least one with the builder's methods. */
    public static NetworkFault network() {
        return NetworkFault.NONE;
    }

    /** {@code resource-exhaustion}: {@code level} of {@code resource} is taken for the fault's duration. */
    public static FaultDefinition resourceExhaustion(Resource resource, Percent level) {
        return FaultDefinition.of("resource-exhaustion", Settings.NONE
                .with("resource", Objects.requireNonNull(resource, "resource").id())
                .with("level", Objects.requireNonNull(level, "level").text()));
    }

    /** {@code resource-exhaustion} of {@code cpu}. */
    public static FaultDefinition cpu(Percent level) {
        return resourceExhaustion(Resource.CPU, level);
    }

    /** {@code resource-exhaustion} of {@code memory} (up to 200%). */
    public static FaultDefinition memory(Percent level) {
        return resourceExhaustion(Resource.MEMORY, level);
    }

    /** {@code resource-exhaustion} of {@code disk}. */
    public static FaultDefinition disk(Percent level) {
        return resourceExhaustion(Resource.DISK, level);
    }

    /** {@code resource-exhaustion} of {@code file-descriptors}. */
    public static FaultDefinition fileDescriptors(Percent level) {
        return resourceExhaustion(Resource.FILE_DESCRIPTORS, level);
    }

    /**
     * {@code resource-exhaustion} of a store's {@code connections}; {@code port}, {@code user}, {@code password} and
     * {@code database} of the store can be added with {@link FaultDefinition#with}.
     */
    public static FaultDefinition connections(Percent level) {
        return resourceExhaustion(Resource.CONNECTIONS, level);
    }

    /**
     * {@code data-corruption} of kind {@code poison-messages}: {@code count} malformed messages published on
     * {@code queue}; instantaneous. {@code adapter}, {@code user}, {@code password} through
     * {@link FaultDefinition#with}.
     */
    public static FaultDefinition poisonMessages(int count, String queue) {
        return corruption("poison-messages").with("count", count).with("queue", Objects.requireNonNull(queue, "queue"));
    }

    /** {@code data-corruption} of kind {@code duplicate-delivery}: {@code rate} of the deliveries of {@code queue}. */
    public static FaultDefinition duplicateDelivery(Percent rate, String queue) {
        return corruption("duplicate-delivery").with("rate", Objects.requireNonNull(rate, "rate").text())
                .with("queue", Objects.requireNonNull(queue, "queue"));
    }

    /** {@code data-corruption} of kind {@code stream}: {@code rate} of the bytes get a bit flipped, both ways. */
    public static FaultDefinition streamCorruption(Percent rate) {
        return corruption("stream").with("rate", Objects.requireNonNull(rate, "rate").text());
    }

    /** {@code data-corruption} of kind {@code stream} in one {@code direction}. */
    public static FaultDefinition streamCorruption(Percent rate, Direction direction) {
        return streamCorruption(rate).with("direction", Settings.word(Objects.requireNonNull(direction, "direction")));
    }

    /**
     * {@code data-corruption} of kind {@code state}: the target agent's latest checkpoint in {@code store}, tampered
     * with for the fault's duration. {@code table}, {@code owner-column}, {@code order-by}, {@code column},
     * {@code port}, {@code database}, {@code adapter}, {@code user}, {@code password} through
     * {@link FaultDefinition#with}.
     */
    public static FaultDefinition stateCorruption(String store) {
        return corruption("state").with("store", Objects.requireNonNull(store, "store"));
    }

    /** {@code clock-skew}: the target's wall clock is moved by {@code offset} (negative: back) for the duration. */
    public static FaultDefinition clockSkew(Duration offset) {
        Objects.requireNonNull(offset, "offset");
        return FaultDefinition.of("clock-skew", Settings.NONE.with("offset",
                (offset.isNegative() ? "-" : "+") + Durations.text(offset.abs())));
    }

    /**
     * A fault type by name, for a team's own fault plugins (or a field the typed factories do not cover): its
     * {@code with:} fields are given with {@link FaultDefinition#with}.
     *
     * <pre>{@code
     * Faults.of("disk-latency").with("delay", ofMillis(40)).on("worker").at(ofSeconds(5)).lasting(ofSeconds(10))
     * }</pre>
     */
    public static FaultDefinition of(String type) {
        return FaultDefinition.of(Objects.requireNonNull(type, "type"), Settings.NONE);
    }

    private static FaultDefinition corruption(String kind) {
        return FaultDefinition.of("data-corruption", Settings.NONE.with("kind", kind));
    }
}
