package dev.faultline.injectors.resource;

import java.util.Arrays;
import java.util.Optional;

/** What a {@code resource-exhaustion} fault exhausts, by its name in a scenario. */
public enum Resource {
    CPU("cpu", 1.0),
    MEMORY("memory", 2.0),
    DISK("disk", 1.0),
    FILE_DESCRIPTORS("file-descriptors", 1.0),
    CONNECTIONS("connections", 1.0);

    private final String id;
    private final double maxLevel;

    Resource(String id, double maxLevel) {
        this.id = id;
        this.maxLevel = maxLevel;
    }

    /** The name in a scenario's {@code with: {resource: ...}}. */
    public String id() {
        return id;
    }

    /** The highest {@code level} that means something: 100%, but memory may go past its limit (an OOM kill). */
    public double maxLevel() {
        return maxLevel;
    }

    public static Optional<Resource> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Resource::id).toList());
    }
}
