package dev.faultline.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.faultline.injectors.Direction;

/**
 * The effects of a {@code network} fault, typed, from {@link Faults#network()}; placing it ({@link #on}) makes the
 * {@link FaultDefinition}. Immutable: every method returns a new value. Values (whole milliseconds, jitter only with
 * latency, partition alone, ...) are checked when the scenario is built, with the messages a scenario file gets.
 *
 * <pre>{@code
 * Faults.network().latency(ofMillis(300)).jitter(ofMillis(50)).direction(Direction.DOWNSTREAM)
 *         .on("worker->postgres").at(ofSeconds(10)).lasting(ofSeconds(15))
 * }</pre>
 */
public final class NetworkFault {
    static final NetworkFault NONE = new NetworkFault(Settings.NONE);

    private final Settings with;

    private NetworkFault(Settings with) {
        this.with = with;
    }

    private NetworkFault set(String key, Object value) {
        return new NetworkFault(with.with(key, value));
    }

    /** {@code latency}: every packet of data is delayed this long. */
    public NetworkFault latency(Duration latency) {
        return set("latency", Objects.requireNonNull(latency, "latency"));
    }

    /** {@code jitter}: each delay varies this much around the latency. */
    public NetworkFault jitter(Duration jitter) {
        return set("jitter", Objects.requireNonNull(jitter, "jitter"));
    }

    /** {@code bandwidth}: at most {@code perSecond} a second ({@code 64KB/s}). */
    public NetworkFault bandwidth(Size perSecond) {
        return set("bandwidth", Objects.requireNonNull(perSecond, "bandwidth").text() + "/s");
    }

    /** {@code timeout}: data is held, and the connection closed after this long (0: held for ever). */
    public NetworkFault timeout(Duration timeout) {
        return set("timeout", Objects.requireNonNull(timeout, "timeout"));
    }

    /** {@code reset}: connections are reset (TCP RST) after this long. */
    public NetworkFault reset(Duration after) {
        return set("reset", Objects.requireNonNull(after, "reset"));
    }

    /** {@code slow-close}: closing a connection is delayed this long. */
    public NetworkFault slowClose(Duration delay) {
        return set("slow-close", Objects.requireNonNull(delay, "slow-close"));
    }

    /** {@code slicer}: data is cut into pieces of about {@code averageSize}, varying by {@code variation}. */
    public NetworkFault slicer(Size averageSize, Size variation, Duration delay) {
        Map<String, Object> slicer = new LinkedHashMap<>();
        slicer.put("average-size", Objects.requireNonNull(averageSize, "averageSize").text());
        slicer.put("size-variation", Objects.requireNonNull(variation, "variation").text());
        slicer.put("delay", Objects.requireNonNull(delay, "delay"));
        return set("slicer", slicer);
    }

    /** {@code limit-data}: the connection is closed after this much data. */
    public NetworkFault limitData(Size limit) {
        return set("limit-data", Objects.requireNonNull(limit, "limit-data").text());
    }

    /** {@code partition: true}: all data held both ways (no other effect may be given). */
    public NetworkFault partition() {
        return set("partition", true);
    }

    /** {@code direction}: which way the effects act (default both). */
    public NetworkFault direction(Direction direction) {
        return set("direction", Settings.word(Objects.requireNonNull(direction, "direction")));
    }

    /** {@code toxicity}: the share of connections affected (default 100%). */
    public NetworkFault toxicity(Percent share) {
        return set("toxicity", Objects.requireNonNull(share, "toxicity").text());
    }

    /** The fault with these effects, not yet placed. */
    public FaultDefinition definition() {
        return FaultDefinition.of("network", with);
    }

    /** The fault on {@code target}: {@code worker->rabbitmq}, {@code worker[0]}. */
    public FaultDefinition on(String target) {
        return definition().on(target);
    }

    /** The fault on a typed target: {@code on(Targets.link("worker", "postgres"))}. */
    public FaultDefinition on(FaultTarget target) {
        return definition().on(target);
    }

    /** The fault on every replica of a service. */
    public FaultDefinition on(Targets.Service service) {
        return definition().on(service);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkFault other && with.equals(other.with);
    }

    @Override
    public int hashCode() {
        return with.hashCode();
    }

    @Override
    public String toString() {
        return "network " + with;
    }
}
