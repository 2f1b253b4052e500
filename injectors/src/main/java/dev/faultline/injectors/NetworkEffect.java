package dev.faultline.injectors;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.faultline.engine.model.Durations;

/**
 * One thing a {@code network} fault does to a link's traffic; each becomes one toxic per stream on the proxy.
 * Durations are whole milliseconds (the slicer's delay whole microseconds), as the proxy counts them.
 */
public sealed interface NetworkEffect {
    /** The field of {@code with:} that sets it, and part of its toxics' names: {@code slow-close}. */
    String label();

    /** The proxy's toxic type: {@code slow_close}. */
    String toxicType();

    /** The toxic's attributes in the proxy's units. */
    Map<String, Number> attributes();

    /** As written in a scenario: {@code latency=200ms jitter=50ms}. */
    String describe();

    /** The streams it acts on when the fault's direction is {@code direction}. */
    default List<Direction> streams(Direction direction) {
        return direction.streams();
    }

    /** Every chunk of data waits {@code latency} ± {@code jitter}. */
    record Latency(Duration latency, Duration jitter) implements NetworkEffect {
        public Latency {
            positive(latency, "latency");
            notNegative(jitter, "jitter");
        }

        @Override
        public String label() {
            return "latency";
        }

        @Override
        public String toxicType() {
            return "latency";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("latency", latency.toMillis(), "jitter", jitter.toMillis());
        }

        @Override
        public String describe() {
            return "latency=" + Durations.text(latency) + (jitter.isZero() ? "" : " jitter=" + Durations.text(jitter));
        }
    }

    /**
     * At most {@code bytesPerSecond} pass each second. The proxy counts in units of 1000 bytes a second, so the rate
     * is rounded to the nearest 1000 B/s and must be at least that.
     */
    record Bandwidth(long bytesPerSecond) implements NetworkEffect {
        /** The proxy's unit: its {@code rate} is in KB/s with 1 KB = 1000 bytes. */
        static final long PROXY_UNIT = 1000;

        public Bandwidth {
            if (bytesPerSecond < PROXY_UNIT) {
                throw new IllegalArgumentException("bandwidth must be at least 1000 bytes a second (the proxy's "
                        + "resolution), but was " + bytesPerSecond);
            }
        }

        @Override
        public String label() {
            return "bandwidth";
        }

        @Override
        public String toxicType() {
            return "bandwidth";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("rate", Math.round(bytesPerSecond / (double) PROXY_UNIT));
        }

        @Override
        public String describe() {
            return "bandwidth=" + Formats.size(bytesPerSecond) + "/s";
        }
    }

    /** No data passes; the connection is closed after {@code after}, or held open while the fault lasts when 0. */
    record Timeout(Duration after) implements NetworkEffect {
        public Timeout {
            notNegative(after, "timeout");
        }

        @Override
        public String label() {
            return "timeout";
        }

        @Override
        public String toxicType() {
            return "timeout";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("timeout", after.toMillis());
        }

        @Override
        public String describe() {
            return "timeout=" + Durations.text(after);
        }
    }

    /** Connections are reset (TCP RST) {@code after} data first arrives; at once when 0. */
    record Reset(Duration after) implements NetworkEffect {
        public Reset {
            notNegative(after, "reset");
        }

        @Override
        public String label() {
            return "reset";
        }

        @Override
        public String toxicType() {
            return "reset_peer";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("timeout", after.toMillis());
        }

        @Override
        public String describe() {
            return "reset=" + Durations.text(after);
        }
    }

    /** A connection's close is passed on {@code delay} late. */
    record SlowClose(Duration delay) implements NetworkEffect {
        public SlowClose {
            positive(delay, "slow-close");
        }

        @Override
        public String label() {
            return "slow-close";
        }

        @Override
        public String toxicType() {
            return "slow_close";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("delay", delay.toMillis());
        }

        @Override
        public String describe() {
            return "slow-close=" + Durations.text(delay);
        }
    }

    /** Data is cut into pieces of {@code averageSize} ± {@code sizeVariation} bytes, {@code delay} apart. */
    record Slicer(long averageSize, long sizeVariation, Duration delay) implements NetworkEffect {
        public Slicer {
            if (averageSize < 1) {
                throw new IllegalArgumentException("slicer.average-size must be at least 1 byte, but was " + averageSize);
            }
            if (sizeVariation < 0 || sizeVariation >= averageSize) {
                throw new IllegalArgumentException("slicer.size-variation must be at least 0 and less than "
                        + "average-size (" + averageSize + "), but was " + sizeVariation);
            }
            Objects.requireNonNull(delay, "slicer.delay");
            if (delay.isNegative() || delay.toNanos() % 1_000 != 0) {
                throw new IllegalArgumentException("slicer.delay must be a whole number of microseconds, at least 0, "
                        + "but was " + delay);
            }
        }

        @Override
        public String label() {
            return "slicer";
        }

        @Override
        public String toxicType() {
            return "slicer";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("average_size", averageSize, "size_variation", sizeVariation,
                    "delay", delay.toNanos() / 1_000);
        }

        @Override
        public String describe() {
            return "slicer={average-size=" + Formats.size(averageSize) + " size-variation=" + Formats.size(sizeVariation)
                    + " delay=" + Durations.text(delay) + "}";
        }
    }

    /** The connection is closed once {@code bytes} have passed. */
    record LimitData(long bytes) implements NetworkEffect {
        public LimitData {
            if (bytes < 1) {
                throw new IllegalArgumentException("limit-data must be at least 1 byte, but was " + bytes);
            }
        }

        @Override
        public String label() {
            return "limit-data";
        }

        @Override
        public String toxicType() {
            return "limit_data";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("bytes", bytes);
        }

        @Override
        public String describe() {
            return "limit-data=" + Formats.size(bytes);
        }
    }

    /** Nothing passes either way while the fault lasts; connections stay open and what was held flows afterwards. */
    record Partition() implements NetworkEffect {
        @Override
        public String label() {
            return "partition";
        }

        @Override
        public String toxicType() {
            return "timeout";
        }

        @Override
        public Map<String, Number> attributes() {
            return attributeMap("timeout", 0L);
        }

        @Override
        public String describe() {
            return "partition=true";
        }

        /** Both streams, whatever the direction: a partition cuts both ways. */
        @Override
        public List<Direction> streams(Direction direction) {
            return Direction.BOTH.streams();
        }
    }

    private static void positive(Duration d, String field) {
        notNegative(d, field);
        if (d.isZero()) {
            throw new IllegalArgumentException(field + " must be greater than 0, but was 0s");
        }
    }

    private static void notNegative(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(field + " must be a whole number of milliseconds, at least 0, but was "
                    + d);
        }
    }

    private static Map<String, Number> attributeMap(Object... keysAndValues) {
        Map<String, Number> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Number) keysAndValues[i + 1]);
        }
        return map;
    }
}
