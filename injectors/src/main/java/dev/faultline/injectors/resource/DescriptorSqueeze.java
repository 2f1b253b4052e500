package dev.faultline.injectors.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.Fault.Verification;

/**
 * {@code file-descriptors}: at 100% the soft limit on open files of every process of the target is lowered to 0,
 * so it cannot open another file or socket (EMFILE) while it stays up, whatever it closes meanwhile, and every
 * descriptor it has keeps working; below 100%, to that share of the way from its limit down to its lowest free
 * descriptor. Verified in {@code /proc}: each process's limit against the
 * descriptors it has open; released when every limit is back to what it was.
 */
class DescriptorSqueeze extends StressSqueeze {
    /** Per instance: pid to the limit set and the limit before. */
    private final Map<String, Map<String, long[]>> changed = new ConcurrentHashMap<>();

    DescriptorSqueeze(FaultContext context, double level) {
        super(context, level);
    }

    @Override
    protected void start(StressTool tool) {
        Map<String, long[]> limits = new LinkedHashMap<>();
        for (Map<String, String> r : tool.run("fds", tool.tag(), String.format(Locale.ROOT, "%.4f", level))) {
            limits.put(r.get("pid"), new long[] {StressTool.number(r, "soft"), StressTool.number(r, "was")});
        }
        changed.put(tool.instance(), limits);
    }

    private Map<String, Map<String, String>> processes(StressTool tool) {
        Map<String, Map<String, String>> byPid = new LinkedHashMap<>();
        List<Map<String, String>> records = tool.run("observe", "fds");
        for (Map<String, String> r : records) {
            byPid.put(r.get("pid"), r);
        }
        return byPid;
    }

    @Override
    protected Verification observe(StressTool tool) {
        Map<String, long[]> limits = changed.getOrDefault(tool.instance(), Map.of());
        if (limits.isEmpty()) {
            return Verification.failed("no process had its limit lowered");
        }
        Map<String, Map<String, String>> now = processes(tool);
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, long[]> e : limits.entrySet()) {
            Map<String, String> p = now.get(e.getKey());
            if (p == null) {
                continue; // ended since: it opens nothing more
            }
            long soft = StressTool.number(p, "soft");
            long open = StressTool.number(p, "open");
            String figure = "pid " + e.getKey() + " has " + open + " open, limit " + soft + " (was " + e.getValue()[1]
                    + ")";
            if (soft != e.getValue()[0]) {
                return Verification.failed(figure + ", expected limit " + e.getValue()[0]);
            }
            figures.append(figures.length() == 0 ? "" : ", ").append(figure);
        }
        if (figures.length() == 0) {
            return Verification.failed("every process whose limit was lowered has ended");
        }
        return Verification.ok(figures + (level >= 1.0 ? ": no new file or socket (EMFILE)" : "") + " (/proc)");
    }

    @Override
    protected void checkReleased(StressTool tool) {
        Map<String, Map<String, String>> now = processes(tool);
        for (Map.Entry<String, long[]> e : changed.getOrDefault(tool.instance(), Map.of()).entrySet()) {
            Map<String, String> p = now.get(e.getKey());
            if (p != null && StressTool.number(p, "soft") != e.getValue()[1]) {
                throw new IllegalStateException(tool.instance() + ": pid " + e.getKey() + " still has open-files limit "
                        + p.get("soft") + " after release, " + e.getValue()[1] + " before the fault");
            }
        }
    }

    @Override
    protected String resourceName() {
        return "file-descriptors";
    }
}
