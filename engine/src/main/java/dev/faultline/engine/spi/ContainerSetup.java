package dev.faultline.engine.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a fault needs in every container of its target's service before the container starts (e.g. a clock-skew
 * fault's LD_PRELOAD shim, loaded with offset 0): environment variables, and files the harness takes from one of its
 * own images and copies in. The topology applies it to every replica before its first start; a restart starts the
 * same container again, so it keeps both. See {@link Fault#setup}.
 */
public record ContainerSetup(Map<String, String> env, List<ImageFile> files) {
    /** Nothing to set up: what most faults need. */
    public static final ContainerSetup NONE = new ContainerSetup(Map.of(), List.of());

    /** A file of the harness's image {@code image} at {@code source}, copied to {@code target} with {@code mode}. */
    public record ImageFile(String image, String source, String target, int mode) {
        public ImageFile {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(source, "source");
            if (target == null || !target.startsWith("/")) {
                throw new IllegalArgumentException("an image file's target must be an absolute path, but was '"
                        + target + "'");
            }
        }
    }

    public ContainerSetup {
        env = Map.copyOf(env);
        files = List.copyOf(files);
    }

    public boolean isEmpty() {
        return env.isEmpty() && files.isEmpty();
    }

    /**
     * Both setups (as two faults on one service need). The same variable set to two different values, or the same
     * target path from two different files, is an error: one of the faults would silently lose.
     */
    public ContainerSetup and(ContainerSetup other) {
        Map<String, String> both = new LinkedHashMap<>(env);
        other.env.forEach((name, value) -> {
            String before = both.putIfAbsent(name, value);
            if (before != null && !before.equals(value)) {
                throw new IllegalArgumentException("two faults set " + name + " of one service differently: '"
                        + before + "' and '" + value + "'");
            }
        });
        Map<String, ImageFile> byTarget = new LinkedHashMap<>();
        Stream.concat(files.stream(), other.files.stream()).forEach(file -> {
            ImageFile before = byTarget.putIfAbsent(file.target(), file);
            if (before != null && !before.equals(file)) {
                throw new IllegalArgumentException("two faults copy different files to " + file.target()
                        + " of one service: " + before + " and " + file);
            }
        });
        return new ContainerSetup(both, List.copyOf(byTarget.values()));
    }
}
