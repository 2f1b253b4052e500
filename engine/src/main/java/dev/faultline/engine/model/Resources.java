package dev.faultline.engine.model;

/** Limits for one container: {@code resources: {cpus: 1.0, memory: 512m}}; null fields are unlimited. */
public record Resources(Double cpus, Long memoryBytes) {
    public static final Resources UNLIMITED = new Resources(null, null);

    public Resources {
        if (cpus != null && cpus <= 0) {
            throw new IllegalArgumentException("resources.cpus must be greater than 0, but was " + cpus);
        }
        if (memoryBytes != null && memoryBytes < 6L * 1024 * 1024) {
            throw new IllegalArgumentException("resources.memory must be at least 6m (Docker's minimum), but was " + memoryBytes + " bytes");
        }
    }
}
