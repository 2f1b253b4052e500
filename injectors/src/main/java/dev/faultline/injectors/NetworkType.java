package dev.faultline.injectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.model.Units;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code type: network}: {@code latency}, {@code jitter}, {@code bandwidth}, {@code timeout}, {@code reset},
 * {@code slow-close}, {@code slicer: {average-size, size-variation, delay}}, {@code limit-data},
 * {@code partition: true} (at least one of them), {@code direction: upstream|downstream|both} (default both) and
 * {@code toxicity} (default 100%).
 */
public final class NetworkType implements FaultType {
    static final String EFFECTS = "latency, bandwidth, timeout, reset, slow-close, slicer, limit-data or partition";
    private static final Pattern BYTE_RATE = Pattern.compile("(.+?)\\s*/\\s*s", Pattern.CASE_INSENSITIVE);

    @Override
    public String type() {
        return "network";
    }

    @Override
    public DurationRule durationRule() {
        return DurationRule.REQUIRED;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        with.allowOnly("latency", "jitter", "bandwidth", "timeout", "reset", "slow-close", "slicer", "limit-data",
                "partition", "direction", "toxicity");
        List<NetworkEffect> effects = new ArrayList<>();
        Optional<Duration> latency = with.duration("latency").map(d -> millis(with, "latency", d, false));
        Optional<Duration> jitter = with.duration("jitter").map(d -> millis(with, "jitter", d, true));
        if (jitter.isPresent() && latency.isEmpty()) {
            throw with.invalid("jitter", "needs latency: jitter varies each delay around the latency "
                    + "(e.g. latency: 200ms, jitter: 50ms)");
        }
        latency.ifPresent(l -> effects.add(new NetworkEffect.Latency(l, jitter.orElse(Duration.ZERO))));
        bandwidth(with).ifPresent(bps -> effects.add(new NetworkEffect.Bandwidth(bps)));
        with.duration("timeout").map(d -> millis(with, "timeout", d, true))
                .ifPresent(d -> effects.add(new NetworkEffect.Timeout(d)));
        with.duration("reset").map(d -> millis(with, "reset", d, true))
                .ifPresent(d -> effects.add(new NetworkEffect.Reset(d)));
        with.duration("slow-close").map(d -> millis(with, "slow-close", d, false))
                .ifPresent(d -> effects.add(new NetworkEffect.SlowClose(d)));
        with.section("slicer").map(NetworkType::slicer).ifPresent(effects::add);
        with.bytes("limit-data").map(b -> atLeastOneByte(with, "limit-data", b))
                .ifPresent(b -> effects.add(new NetworkEffect.LimitData(b)));
        boolean partition = with.bool("partition").orElse(false);
        if (partition) {
            if (!effects.isEmpty()) {
                throw with.invalid("partition", "holds all data both ways, so "
                        + String.join(", ", effects.stream().map(NetworkEffect::label).toList())
                        + " would have nothing to act on; remove partition or the other effects");
            }
            if (with.has("direction")) {
                throw with.invalid("direction", "a partition cuts both directions; remove direction (or use "
                        + "timeout: 0s with a direction to hold one way only)");
            }
            effects.add(new NetworkEffect.Partition());
        }
        if (effects.isEmpty()) {
            throw with.invalid(null, "expected at least one effect (" + EFFECTS + ") but found none");
        }
        Direction direction = with.enumValue("direction", Direction.class).orElse(Direction.BOTH);
        double toxicity = with.fraction("toxicity").orElse(1.0);
        if (toxicity <= 0) {
            throw with.invalid("toxicity", "expected a percentage greater than 0% but was '"
                    + with.string("toxicity").orElse("") + "'");
        }
        return new NetworkFault(effects, direction, toxicity);
    }

    /** {@code 64KB/s}: a size a second, in bytes. */
    private static Optional<Long> bandwidth(Params with) {
        Optional<String> text = with.string("bandwidth");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String expected = "expected a rate of bytes like 64KB/s or 1MB/s but was '" + Formats.shown(text.get()) + "'";
        Matcher m = BYTE_RATE.matcher(text.get().trim());
        if (!m.matches()) {
            throw with.invalid("bandwidth", expected);
        }
        long bytesPerSecond;
        try {
            bytesPerSecond = Units.bytes(m.group(1));
        } catch (IllegalArgumentException e) {
            throw with.invalid("bandwidth", expected);
        }
        if (bytesPerSecond < NetworkEffect.Bandwidth.PROXY_UNIT) {
            throw with.invalid("bandwidth", "expected at least 1000B/s (the proxy's resolution) but was '"
                    + Formats.shown(text.get()) + "'");
        }
        return Optional.of(bytesPerSecond);
    }

    private static NetworkEffect.Slicer slicer(Params slicer) {
        slicer.allowOnly("average-size", "size-variation", "delay");
        long average = slicer.bytes("average-size")
                .orElseThrow(() -> slicer.invalid("average-size", "is required (the size of a piece, e.g. 64B)"));
        atLeastOneByte(slicer, "average-size", average);
        long variation = slicer.bytes("size-variation").orElse(0L);
        if (variation >= average) {
            throw slicer.invalid("size-variation", "expected a size less than average-size ("
                    + Formats.size(average) + ") but was '" + Formats.shown(slicer.string("size-variation").orElse("")) + "'");
        }
        Duration delay = slicer.duration("delay").orElse(Duration.ZERO);
        if (delay.toNanos() % 1_000 != 0) {
            throw slicer.invalid("delay", "expected a whole number of microseconds (e.g. 0.5ms) but was '"
                    + slicer.string("delay").orElse("") + "'");
        }
        return new NetworkEffect.Slicer(average, variation, delay);
    }

    /** A duration in whole milliseconds (the proxy's unit); greater than 0 unless {@code zeroAllowed}. */
    private static Duration millis(Params with, String key, Duration d, boolean zeroAllowed) {
        String found = with.string(key).orElse("");
        if (!zeroAllowed && d.isZero()) {
            throw with.invalid(key, "expected a duration greater than 0 (e.g. 200ms) but was '" + Formats.shown(found)
                    + "'");
        }
        if (d.toNanos() % 1_000_000 != 0) {
            throw with.invalid(key, "expected a whole number of milliseconds (the proxy's unit) but was '"
                    + Formats.shown(found) + "'");
        }
        return d;
    }

    private static long atLeastOneByte(Params with, String key, long bytes) {
        if (bytes < 1) {
            throw with.invalid(key, "expected a size of at least 1B but was '" + Formats.shown(with.string(key).orElse("")) + "'");
        }
        return bytes;
    }
}
