package dev.faultline.proxy.core;

import java.util.Locale;
import java.util.Optional;

/** Which way the bytes a toxic affects flow. */
public enum Direction {
    /** Client to upstream server. */
    UPSTREAM("upstream"),
    /** Upstream server to client. */
    DOWNSTREAM("downstream");

    private final String json;

    Direction(String json) {
        this.json = json;
    }

    /** The spelling in Toxiproxy's JSON: {@code upstream} or {@code downstream}. */
    public String json() {
        return json;
    }

    /** Parses {@code upstream}/{@code downstream}, ignoring case like Toxiproxy does. */
    public static Optional<Direction> parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (Direction d : values()) {
            if (d.json.equals(lower)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
