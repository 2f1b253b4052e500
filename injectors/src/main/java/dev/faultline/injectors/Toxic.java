package dev.faultline.injectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One toxic a link fault puts on a proxied port, as the proxy's API takes it (Toxiproxy's field names and units).
 *
 * @param label      what the toxic does, part of its name ({@code latency}, {@code partition})
 * @param type       the proxy's toxic type ({@code latency}, {@code reset_peer}, {@code corrupt})
 * @param stream     {@link Direction#UPSTREAM} or {@link Direction#DOWNSTREAM}
 * @param toxicity   the share of connections it acts on, in (0, 1]
 * @param attributes the type's attributes, in the proxy's units
 */
record Toxic(String label, String type, Direction stream, double toxicity, Map<String, Number> attributes) {
    Toxic {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        if (stream == null || stream == Direction.BOTH) {
            throw new IllegalArgumentException("a toxic's stream must be upstream or downstream, but was " + stream);
        }
        if (!(toxicity > 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("a toxic's toxicity must be in (0, 1], but was " + toxicity);
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** {@code faultline-<fault>-<label>-<stream>}: unique per fault, so a revert removes exactly its own. */
    String name(String faultName) {
        return "faultline-" + faultName + "-" + label + "-" + stream.yamlName();
    }
}
