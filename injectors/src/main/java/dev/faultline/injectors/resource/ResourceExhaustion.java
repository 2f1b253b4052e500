package dev.faultline.injectors.resource;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Resources;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * {@code resource-exhaustion}: for the fault's duration, a share ({@code level}) of one resource of the target is
 * taken, inside the target's own limits, and verified by observation, not by trusting the tool that took it:
 * <ul>
 *   <li>{@code cpu}: two spinning threads per CPU of the target's limit run inside the target (its processes compete
 *       for the same quota); verified by the container's CPU use in Docker's stats;</li>
 *   <li>{@code memory}: memory is held inside the target until its use (Docker's stats) reaches the level of its
 *       limit; at 100% or more it grows until the kernel's OOM killer ends the target's main process, and the
 *       topology's restart policy applies;</li>
 *   <li>{@code disk}: the target's bounded disk ({@code resources.disk}) is filled; verified by its free space;</li>
 *   <li>{@code file-descriptors}: the target's processes' soft limit on open files is lowered to their lowest free
 *       descriptor, so they cannot open another file or socket (EMFILE); verified in {@code /proc};</li>
 *   <li>{@code connections}: the harness itself holds a PostgreSQL store's free connection slots; verified by the
 *       store's own count and a refused connection.</li>
 * </ul>
 * Everything is released on revert and the release is observed too: no stress process, held memory, filled file,
 * lowered limit or held connection remains.
 */
public final class ResourceExhaustion implements Fault {
    private final Resource resource;
    private final double level;
    private final Duration duration;
    private final StoreLogin login;

    ResourceExhaustion(Resource resource, double level, Duration duration, StoreLogin login) {
        if (!(level > 0 && level <= resource.maxLevel())) {
            throw new IllegalArgumentException("level must be greater than 0 and at most " + resource.maxLevel()
                    + ", but was " + level);
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be greater than 0, but was " + duration);
        }
        if ((resource == Resource.CONNECTIONS) != (login != null)) {
            throw new IllegalArgumentException("a store login is for connections only");
        }
        this.resource = resource;
        this.level = level;
        this.duration = duration;
        this.login = login;
    }

    public Resource resource() {
        return resource;
    }

    public double level() {
        return level;
    }

    /** How the harness logs in to the store; connections only. */
    StoreLogin login() {
        return login;
    }

    @Override
    public Fault.Handle handle(FaultContext context) {
        return switch (resource) {
            case CPU -> new CpuSqueeze(context, level);
            case MEMORY -> new MemorySqueeze(context, level);
            case DISK -> new DiskSqueeze(context, level);
            case FILE_DESCRIPTORS -> new DescriptorSqueeze(context, level);
            case CONNECTIONS -> new ConnectionSqueeze(context, level, login);
        };
    }

    @Override
    public Optional<String> unsuitableFor(ServiceSpec service) {
        Resources limits = service.resources();
        String name = service.name();
        return switch (resource) {
            case CPU -> limits.cpus() != null ? Optional.empty() : Optional.of("resource-exhaustion of cpu needs a CPU"
                    + " limit to exhaust, and " + name + " declares none: add resources: {cpus: 1.0} to it (without a"
                    + " limit the stress would take the host's CPUs)");
            case MEMORY -> limits.memoryBytes() != null ? Optional.empty() : Optional.of("resource-exhaustion of memory"
                    + " needs a memory limit to exhaust, and " + name + " declares none: add resources: {memory: 512m}"
                    + " to it (without a limit the stress would take the host's memory)");
            case DISK -> limits.disk() != null ? Optional.empty() : Optional.of("resource-exhaustion of disk needs a"
                    + " bounded disk, and " + name + " declares none: add resources: {disk: {path: /var/lib/data, size:"
                    + " 64m}} to it (Faultline never fills the host's disk)");
            case FILE_DESCRIPTORS -> Optional.empty();
            case CONNECTIONS -> service.role() != Role.STORE
                    ? Optional.of("resource-exhaustion of connections holds a PostgreSQL store's connection slots, and "
                    + name + " has role " + service.role().yamlName() + ", not store")
                    : service.ports().contains(login.port()) ? Optional.empty()
                    : Optional.of("resource-exhaustion of connections reaches the store on its port " + login.port()
                    + ", which " + name + " does not publish: add it to its ports (or set with: {port: ...})");
        };
    }

    /** {@code cpu at 100% for 8s}. */
    @Override
    public String describe() {
        return resource.id() + " at " + percent(level) + " for " + Durations.text(duration)
                + (login == null ? "" : " (" + login + ")");
    }

    static String percent(double share) {
        double percent = share * 100;
        return percent == Math.rint(percent) ? (long) percent + "%" : String.format(Locale.ROOT, "%.2f%%", percent);
    }
}
