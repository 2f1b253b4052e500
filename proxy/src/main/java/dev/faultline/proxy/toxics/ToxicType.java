package dev.faultline.proxy.toxics;

import java.util.Optional;
import java.util.function.Function;

/** The toxic types this server knows, by their Toxiproxy names. */
public enum ToxicType {
    LATENCY("latency", ToxicAttributes.Latency::read),
    BANDWIDTH("bandwidth", ToxicAttributes.Bandwidth::read),
    SLOW_CLOSE("slow_close", ToxicAttributes.SlowClose::read),
    TIMEOUT("timeout", ToxicAttributes.Timeout::read),
    RESET_PEER("reset_peer", ToxicAttributes.ResetPeer::read),
    SLICER("slicer", ToxicAttributes.Slicer::read),
    LIMIT_DATA("limit_data", ToxicAttributes.LimitData::read),
    /** Faultline extension, not in Toxiproxy. */
    CORRUPT("corrupt", ToxicAttributes.Corrupt::read);

    private final String json;
    private final Function<AttributeReader, ToxicAttributes> reader;

    ToxicType(String json, Function<AttributeReader, ToxicAttributes> reader) {
        this.json = json;
        this.reader = reader;
    }

    /** The name in JSON, e.g. {@code slow_close}. */
    public String json() {
        return json;
    }

    /** Reads this type's attributes; a bad field is an {@code ApiException} (400). */
    public ToxicAttributes readAttributes(AttributeReader attributes) {
        return reader.apply(attributes);
    }

    public static Optional<ToxicType> byName(String name) {
        for (ToxicType type : values()) {
            if (type.json.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
