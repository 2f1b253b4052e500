package dev.faultline.engine.model;

import java.util.Objects;

/**
 * Limits for one container: {@code resources: {cpus: 1.0, memory: 512m, disk: {path: /data, size: 64m}}}; null
 * fields are unlimited.
 */
public record Resources(Double cpus, Long memoryBytes, Disk disk) {
    public static final Resources UNLIMITED = new Resources(null, null, null);

    public Resources {
        if (cpus != null && cpus <= 0) {
            throw new IllegalArgumentException("resources.cpus must be greater than 0, but was " + cpus);
        }
        if (memoryBytes != null && memoryBytes < 6L * 1024 * 1024) {
            throw new IllegalArgumentException("resources.memory must be at least 6m (Docker's minimum), but was " + memoryBytes + " bytes");
        }
    }

    /**
     * A bounded writable space: a file system of {@code sizeBytes} mounted at {@code path} (a tmpfs, so its pages
     * count against the container's memory, never the host's disk). The only space a disk fault may fill.
     */
    public record Disk(String path, long sizeBytes) {
        /** The largest bounded disk a topology may declare: 16 GiB (it is held in memory). */
        public static final long MAX_BYTES = 16L << 30;

        public Disk {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/") || path.equals("/") || path.contains("..") || path.contains("//")
                    || !path.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',' && c != ':')) {
                throw new IllegalArgumentException("resources.disk.path must be an absolute path other than / without"
                        + " '..', commas, colons, spaces or control characters, but was '" + Excerpt.of(path) + "'");
            }
            if (sizeBytes < 1024 * 1024 || sizeBytes > MAX_BYTES) {
                throw new IllegalArgumentException("resources.disk.size must be from 1m to 16g, but was " + sizeBytes
                        + " bytes");
            }
        }
    }
}
