package dev.faultline.injectors.resource;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.Fault.Verification;

/**
 * {@code memory}: memory is held inside the target until the container's use reaches {@code level} of its limit,
 * and kept there. The target's other processes are made the OOM killer's first choice while it lasts, so that at
 * 100% or more, where the tool grows until the kernel steps in, the kill ends the target's main process and the
 * topology's restart policy applies. Verified by the container's memory in use against its limit, from its cgroup
 * counters (as Docker's stats compute it), or at 100% and more by the kill itself (Docker's OOMKilled, or the
 * process restarted).
 */
class MemorySqueeze extends StressSqueeze {
    /** How far below the level the figure may stay (it leaves out inactive file cache, which the tool counts). */
    static final double SLACK = 0.03;

    private final Map<String, String> startedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    /** The most memory in use seen while it lasted, per instance. */
    private final Map<String, Long> inUse = new ConcurrentHashMap<>();

    MemorySqueeze(FaultContext context, double level) {
        super(context, level);
    }

    private long limit() {
        return context.service().resources().memoryBytes();
    }

    private boolean untilKilled() {
        return level >= 1.0;
    }

    @Override
    protected void start(StressTool tool) {
        startedAt.put(tool.instance(), context.containers().startedAt(tool.instance()));
        long target = untilKilled() ? 0 : Math.round(level * limit());
        Map<String, String> started = tool.runOne("memory", tool.tag(), Long.toString(target));
        held.put(tool.instance(), started.containsKey("held") ? StressTool.number(started, "held") : 0L);
    }

    @Override
    protected Verification observe(StressTool tool) {
        ContainerControl containers = context.containers();
        String instance = tool.instance();
        if (untilKilled()) {
            boolean restarted = !startedAt.get(instance).equals(containers.startedAt(instance));
            if (containers.oomKilled(instance) || restarted) {
                return Verification.ok("OOM-killed by the kernel" + (restarted ? ", restarted" : "")
                        + " (Docker's state)");
            }
        }
        CgroupSample stats = CgroupSample.of(tool);
        inUse.merge(instance, stats.memoryBytes(), Math::max);
        String figures = String.format(Locale.ROOT, "uses %s of its %s limit, %.1f%% (cgroup)",
                mib(stats.memoryBytes()), mib(limit()), 100.0 * stats.memoryBytes() / limit());
        if (untilKilled()) {
            return Verification.failed(figures + ", not OOM-killed yet");
        }
        return stats.memoryBytes() >= (level - SLACK) * limit() ? Verification.ok(figures)
                : Verification.failed(figures + ", expected at least " + ResourceExhaustion.percent(level - SLACK));
    }

    /** No process is left the OOM killer's first choice, and what the tool held is free again. */
    @Override
    protected void checkReleased(StressTool tool) {
        String instance = tool.instance();
        long raised = StressTool.number(tool.runOne("observe", "oom", tool.tag()), "raised");
        if (raised != 0) {
            throw new IllegalStateException(instance + ": " + raised + " process(es) still first in line for the OOM"
                    + " killer after release");
        }
        Long during = inUse.get(instance);
        long heldBytes = held.getOrDefault(instance, 0L);
        if (during != null && heldBytes >= 16L << 20 && during >= heldBytes) {
            long after = CgroupSample.of(tool).memoryBytes();
            if (after > during - heldBytes / 2) {
                throw new IllegalStateException(instance + ": still uses " + mib(after) + " after release, "
                        + mib(during) + " while " + mib(heldBytes) + " were held");
            }
        }
    }

    @Override
    protected String resourceName() {
        return "memory";
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
