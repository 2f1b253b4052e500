package dev.faultline.injectors.resource;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.Fault.Verification;

/**
 * {@code cpu}: at 100%, {@value #THREADS_PER_CPU} spinning threads per CPU of the target's limit (more than the quota
 * lets run, so the quota is what stops them); below, one thread per CPU busy so much of every 100 ms that together
 * they use {@code level} of the limit. They run inside the target, so its own processes compete for the same quota. Verified by the container's cgroup counters
 * (what Docker's stats show) over at least 1 s: its CPU use reaches 85% of {@code level} times its limit, or, at
 * 100%, it used up its quota in at least half of the quota periods (on a busy host it may not get its whole
 * allowance, yet what it gets goes to the stress as much as to the agent).
 */
class CpuSqueeze extends StressSqueeze {
    /** Stress threads per CPU of the limit at 100%: more than the quota can run, so the quota is what limits them. */
    static final int THREADS_PER_CPU = 4;
    /**
     * The shortest window of the counters a verification reads, in milliseconds: ten quota periods. Each reading runs
     * a command inside the target, whose own CPU the counters include; over 250 ms (two or three periods) that alone
     * could use up the quota of one period of two, and a squeeze that did not hold was taken for one that did.
     */
    static final long WINDOW_MS = 1000;
    /** The share of the intended CPU use that counts as taken. */
    static final double TAKEN = 0.85;
    /** At 100%: the share of quota periods in which the quota ran out that counts as the allowance consumed. */
    static final double THROTTLED = 0.5;

    /** The reading each instance's window starts from: the first verification's; moved on when a window falls short. */
    private final Map<String, CgroupSample> from = new ConcurrentHashMap<>();
    /** The last window that fell short, per instance: what a verification says while the next one is measured. */
    private final Map<String, String> shortOf = new ConcurrentHashMap<>();

    CpuSqueeze(FaultContext context, double level) {
        super(context, level);
    }

    private double limit() {
        return context.service().resources().cpus();
    }

    @Override
    protected void start(StressTool tool) {
        int cpus = (int) Math.ceil(limit());
        int threads = level >= 1.0 ? cpus * THREADS_PER_CPU : cpus;
        double share = level >= 1.0 ? 1.0 : level * limit() / cpus;
        tool.runOne("cpu", tool.tag(), Integer.toString(threads), String.format(Locale.ROOT, "%.3f", share));
    }

    @Override
    protected Verification observe(StressTool tool) {
        CgroupSample now = CgroupSample.of(tool);
        CgroupSample start = from.putIfAbsent(tool.instance(), now);
        if (start == null) {
            return Verification.failed("measuring CPU use from now");
        }
        long window = now.millisSince(start);
        if (window < WINDOW_MS) {
            String last = shortOf.get(tool.instance());
            return Verification.failed(last != null ? last
                    : "measuring CPU use (" + window + " of " + WINDOW_MS + " ms)");
        }
        double used = now.cpusSince(start);
        double throttled = now.throttledSince(start);
        double wanted = level * limit();
        String figures = String.format(Locale.ROOT, "uses %.2f of its %.2f CPUs over %d ms, quota used up in %.0f%%"
                + " of periods (cgroup)", used, limit(), window, 100 * throttled);
        if (used >= TAKEN * wanted || (level >= 1.0 && throttled >= THROTTLED)) {
            return Verification.ok(figures);
        }
        from.put(tool.instance(), now);
        String failed = figures + String.format(Locale.ROOT, ", expected at least %.2f", TAKEN * wanted);
        shortOf.put(tool.instance(), failed);
        return Verification.failed(failed);
    }

    @Override
    protected void checkReleased(StressTool tool) {
        // no stress process left (checked for every resource) is all a CPU squeeze leaves behind
    }

    @Override
    protected String resourceName() {
        return "cpu";
    }
}
