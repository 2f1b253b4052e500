package dev.faultline.injectors.resource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.faultline.engine.model.Resources;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.Fault.Verification;

/**
 * {@code disk}: the target's bounded disk ({@code resources.disk}, a file system of its own) is filled with one file
 * until only {@code 1 - level} of it is free; at 100% until the file system says it is full (ENOSPC). The tool
 * refuses to fill a path that is not that bounded disk. Verified by the free space the file system reports
 * (statvfs); released when the file is gone and the free space is back.
 */
class DiskSqueeze extends StressSqueeze {
    /** Free space that still counts as full: 1% of the disk. */
    static final double SLACK = 0.01;

    private final Map<String, Long> availableBefore = new ConcurrentHashMap<>();

    DiskSqueeze(FaultContext context, double level) {
        super(context, level);
    }

    private Resources.Disk disk() {
        return context.service().resources().disk();
    }

    private Map<String, String> space(StressTool tool) {
        return tool.runOne("observe", "disk", disk().path());
    }

    @Override
    protected void start(StressTool tool) {
        Map<String, String> space = space(tool);
        long size = StressTool.number(space, "size");
        if (size > disk().sizeBytes() * 1.01 + (1 << 20)) {
            throw new IllegalStateException(tool.instance() + ": " + disk().path() + " is " + MemorySqueeze.mib(size)
                    + ", not the bounded disk of " + MemorySqueeze.mib(disk().sizeBytes())
                    + " the topology declares; refusing to fill it");
        }
        long available = StressTool.number(space, "avail");
        availableBefore.put(tool.instance(), available);
        long bytes = level >= 1.0 ? 0 : Math.max(1, available - Math.round((1 - level) * size));
        tool.runOne("disk", tool.tag(), disk().path(), Long.toString(bytes));
    }

    @Override
    protected Verification observe(StressTool tool) {
        Map<String, String> space = space(tool);
        long size = StressTool.number(space, "size");
        long available = StressTool.number(space, "avail");
        String figures = MemorySqueeze.mib(available) + " of " + MemorySqueeze.mib(size) + " free at " + disk().path()
                + " (statvfs)";
        long allowed = Math.round((1 - level + SLACK) * size);
        return available <= allowed ? Verification.ok(figures)
                : Verification.failed(figures + ", expected at most " + MemorySqueeze.mib(allowed));
    }

    @Override
    protected void checkReleased(StressTool tool) {
        long before = availableBefore.getOrDefault(tool.instance(), 0L);
        long available = StressTool.number(space(tool), "avail");
        long slack = Math.max(1 << 20, Math.round(0.02 * disk().sizeBytes()));
        if (available < before - slack) {
            throw new IllegalStateException(tool.instance() + ": only " + MemorySqueeze.mib(available) + " free at "
                    + disk().path() + " after release, " + MemorySqueeze.mib(before) + " before the fault");
        }
    }

    @Override
    protected String resourceName() {
        return "disk";
    }
}
