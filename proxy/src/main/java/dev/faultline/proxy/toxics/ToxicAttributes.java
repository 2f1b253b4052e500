package dev.faultline.proxy.toxics;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.faultline.proxy.api.ApiException;
import java.io.IOException;

/**
 * The type-specific settings of a toxic, written as its {@code attributes} object. Each record keeps
 * Toxiproxy's field names, order and units, and makes the per-connection {@link ToxicStage}.
 */
public sealed interface ToxicAttributes {
    /** Bounds of the attributes: large enough for any fault, small enough that no arithmetic overflows. */
    long MAX_MILLISECONDS = 24L * 60 * 60 * 1000;
    long MAX_MICROSECONDS = 60L * 1000 * 1000;
    long MAX_SLICE_BYTES = 1L << 30;
    long MAX_LIMIT_BYTES = 1L << 50;
    long MAX_RATE_KB_PER_SECOND = 100_000_000L;

    ToxicType type();

    /** Writes the fields (not the braces) in Toxiproxy's order. */
    void writeFields(JsonGenerator json) throws IOException;

    /** A fresh stage for one connection's link. */
    ToxicStage newStage(StageOutput out);

    /** Adds {@code latency} ± {@code jitter} milliseconds to every chunk of data. */
    record Latency(long latency, long jitter) implements ToxicAttributes {
        public Latency {
            requireNonNegative("latency", latency, "milliseconds");
            requireNonNegative("jitter", jitter, "milliseconds");
        }

        static Latency read(AttributeReader in) {
            return new Latency(in.boundedInt64("latency", "milliseconds", MAX_MILLISECONDS), in.boundedInt64("jitter", "milliseconds", MAX_MILLISECONDS));
        }

        @Override
        public ToxicType type() {
            return ToxicType.LATENCY;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("latency", latency);
            json.writeNumberField("jitter", jitter);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new LatencyStage(this, out);
        }
    }

    /** Passes at most {@code rate} KB/s (1 KB = 1000 bytes); 0 means unlimited. */
    record Bandwidth(long rate) implements ToxicAttributes {
        public Bandwidth {
            requireNonNegative("rate", rate, "KB/s");
        }

        static Bandwidth read(AttributeReader in) {
            return new Bandwidth(in.boundedInt64("rate", "KB/s", MAX_RATE_KB_PER_SECOND));
        }

        @Override
        public ToxicType type() {
            return ToxicType.BANDWIDTH;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("rate", rate);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new BandwidthStage(this, out);
        }
    }

    /** Delays the close of the connection by {@code delay} milliseconds. */
    record SlowClose(long delay) implements ToxicAttributes {
        public SlowClose {
            requireNonNegative("delay", delay, "milliseconds");
        }

        static SlowClose read(AttributeReader in) {
            return new SlowClose(in.boundedInt64("delay", "milliseconds", MAX_MILLISECONDS));
        }

        @Override
        public ToxicType type() {
            return ToxicType.SLOW_CLOSE;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("delay", delay);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new SlowCloseStage(this, out);
        }
    }

    /** Holds all data; closes the connection after {@code timeout} ms, or never when 0. */
    record Timeout(long timeout) implements ToxicAttributes {
        public Timeout {
            requireNonNegative("timeout", timeout, "milliseconds");
        }

        static Timeout read(AttributeReader in) {
            return new Timeout(in.boundedInt64("timeout", "milliseconds", MAX_MILLISECONDS));
        }

        @Override
        public ToxicType type() {
            return ToxicType.TIMEOUT;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("timeout", timeout);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new TimeoutStage(this, out);
        }
    }

    /** Resets the connection (TCP RST) {@code timeout} ms after data first arrives. */
    record ResetPeer(long timeout) implements ToxicAttributes {
        public ResetPeer {
            requireNonNegative("timeout", timeout, "milliseconds");
        }

        static ResetPeer read(AttributeReader in) {
            return new ResetPeer(in.boundedInt64("timeout", "milliseconds", MAX_MILLISECONDS));
        }

        @Override
        public ToxicType type() {
            return ToxicType.RESET_PEER;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("timeout", timeout);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new ResetPeerStage(this, out);
        }
    }

    /**
     * Slices data into pieces of about {@code averageSize} ± {@code sizeVariation} bytes, waiting
     * {@code delay} microseconds after each piece.
     */
    record Slicer(long averageSize, long sizeVariation, long delay) implements ToxicAttributes {
        public Slicer {
            requireNonNegative("average_size", averageSize, "bytes");
            requireNonNegative("size_variation", sizeVariation, "bytes");
            requireNonNegative("delay", delay, "microseconds");
        }

        static Slicer read(AttributeReader in) {
            return new Slicer(in.boundedInt64("average_size", "bytes", MAX_SLICE_BYTES),
                    in.boundedInt64("size_variation", "bytes", MAX_SLICE_BYTES),
                    in.boundedInt64("delay", "microseconds", MAX_MICROSECONDS));
        }

        @Override
        public ToxicType type() {
            return ToxicType.SLICER;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("average_size", averageSize);
            json.writeNumberField("size_variation", sizeVariation);
            json.writeNumberField("delay", delay);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new SlicerStage(this, out);
        }
    }

    /** Closes the connection once {@code bytes} bytes have passed. */
    record LimitData(long bytes) implements ToxicAttributes {
        public LimitData {
            requireNonNegative("bytes", bytes, "bytes");
        }

        static LimitData read(AttributeReader in) {
            return new LimitData(in.boundedInt64("bytes", "bytes", MAX_LIMIT_BYTES));
        }

        @Override
        public ToxicType type() {
            return ToxicType.LIMIT_DATA;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("bytes", bytes);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new LimitDataStage(this, out);
        }
    }

    /**
     * Faultline extension: flips one random bit in each byte with probability {@code rate}. A non-zero
     * {@code seed} makes the corruption of a connection reproducible; 0 draws a random seed.
     */
    record Corrupt(double rate, long seed) implements ToxicAttributes {
        public Corrupt {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("attributes.rate: expected a probability within 0..1 but was " + rate);
            }
        }

        static Corrupt read(AttributeReader in) {
            double rate = in.float64("rate");
            if (!(rate >= 0 && rate <= 1)) {
                throw ApiException.badRequestBody(
                        "attributes.rate: expected a probability within 0..1 but was " + rate);
            }
            return new Corrupt(rate, in.int64("seed"));
        }

        @Override
        public ToxicType type() {
            return ToxicType.CORRUPT;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeFieldName("rate");
            json.writeRawValue(GoNumbers.formatFloat64(rate));
            json.writeNumberField("seed", seed);
        }

        @Override
        public ToxicStage newStage(StageOutput out) {
            return new CorruptStage(this, out);
        }
    }

    private static void requireNonNegative(String field, long value, String unit) {
        if (value < 0) {
            throw new IllegalArgumentException("attributes." + field + ": expected a non-negative number of " + unit + " but was " + value);
        }
    }
}
