package dev.faultline.injectors.resource;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.faultline.engine.spi.ContainerControl.Stats;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.Fault.Verification;

/**
 * {@code cpu}: two spinning threads per CPU of the target's limit, each busy {@code level} of every 100 ms, run
 * inside the target, so its own processes compete for the same quota. Verified when the container's CPU use in
 * Docker's stats, over at least 250 ms, reaches 85% of {@code level} times its limit.
 */
final class CpuSqueeze extends StressSqueeze {
    /** Stress threads per CPU of the limit: more than the quota can run, so the quota is what limits them. */
    static final int THREADS_PER_CPU = 2;
    /** The shortest window of Docker's stats a verification reads. */
    static final Duration WINDOW = Duration.ofMillis(250);
    /** The share of the intended CPU use that counts as taken. */
    static final double TAKEN = 0.85;

    /** The sample each instance's window starts from; moved on when a window falls short. */
    private final Map<String, Stats> from = new ConcurrentHashMap<>();

    CpuSqueeze(FaultContext context, double level) {
        super(context, level);
    }

    private double limit() {
        return context.service().resources().cpus();
    }

    @Override
    protected void start(StressTool tool) {
        int threads = (int) Math.ceil(limit()) * THREADS_PER_CPU;
        tool.runOne("cpu", tool.tag(), Integer.toString(threads), String.format(Locale.ROOT, "%.3f", level));
        from.put(tool.instance(), context.containers().stats(tool.instance()));
    }

    @Override
    protected Verification observe(StressTool tool) {
        Stats now = context.containers().stats(tool.instance());
        Stats start = from.get(tool.instance());
        Duration window = Duration.between(start.readAt(), now.readAt());
        if (window.compareTo(WINDOW) < 0) {
            return Verification.failed("measuring CPU use (" + window.toMillis() + " of " + WINDOW.toMillis() + " ms)");
        }
        double used = now.cpusSince(start);
        double wanted = level * limit();
        String figures = String.format(Locale.ROOT, "uses %.2f of its %.2f CPUs over %d ms (Docker's stats)", used,
                limit(), window.toMillis());
        if (used >= TAKEN * wanted) {
            return Verification.ok(figures);
        }
        from.put(tool.instance(), now);
        return Verification.failed(figures + String.format(Locale.ROOT, ", expected at least %.2f", TAKEN * wanted));
    }

    @Override
    protected void checkReleased(StressTool tool, Map<String, String> released) {
        // no stress process left (checked for every resource) is all a CPU squeeze leaves behind
    }

    @Override
    protected String resourceName() {
        return "cpu";
    }
}
