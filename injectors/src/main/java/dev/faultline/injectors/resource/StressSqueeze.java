package dev.faultline.injectors.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.injectors.EveryOne;
import dev.faultline.engine.spi.Fault.Verification;

/**
 * One run's squeeze of a resource inside each target container with {@link StressTool}. Apply installs the tool and
 * starts the squeeze; verify observes the effect; revert releases it, observes that nothing is left (no stress
 * process, plus what the resource adds), and removes the tool. Revert is idempotent and safe after a half-way or
 * missing apply: it only touches containers where the tool was (being) installed.
 */
abstract class StressSqueeze implements Fault.Handle {
    protected final FaultContext context;
    protected final double level;
    /** The tools this run installed, by instance; removed once released and cleaned up. */
    private final Map<String, StressTool> tools = new LinkedHashMap<>();

    StressSqueeze(FaultContext context, double level) {
        this.context = context;
        this.level = level;
    }

    /** Starts the squeeze in one container, the tool installed. */
    protected abstract void start(StressTool tool);

    /** Whether the squeeze holds in one container, by an observation independent of the tool's own report. */
    protected abstract Verification observe(StressTool tool);

    /** Throws, saying what is left, unless the resource is back in one container, the tool released. */
    protected abstract void checkReleased(StressTool tool);

    @Override
    public final synchronized void apply() {
        for (String instance : context.targetInstances()) {
            StressTool tool = new StressTool(context.containers(), instance, RunTag.of(context));
            tools.put(instance, tool);
            tool.install();
            start(tool);
        }
    }

    @Override
    public final synchronized Verification verify() {
        List<String> details = new ArrayList<>();
        for (StressTool tool : tools.values()) {
            Verification v = observe(tool);
            if (!v.tookEffect()) {
                return Verification.failed(tool.instance() + ": " + v.detail());
            }
            details.add(tool.instance() + ": " + v.detail());
        }
        return tools.isEmpty() ? Verification.failed("not applied") : Verification.ok(String.join("; ", details));
    }

    /** Releases every container this run squeezed; tries them all, then throws the first failure. */
    @Override
    public final synchronized void revert() {
        EveryOne.attempt(new ArrayList<>(tools.values()), tool -> {
            release(tool);
            tools.remove(tool.instance());
        });
    }

    private void release(StressTool tool) {
        String instance = tool.instance();
        if (!context.containers().isRunning(instance)) {
            // Its processes ended with it; what is left on its disk goes with the run's containers.
            context.note(instance + " is not running: nothing of " + resourceName() + " left to release there");
            return;
        }
        Map<String, String> released = tool.release();
        long running = StressTool.number(tool.runOne("observe", "procs", tool.tag()), "running");
        if (running != 0) {
            throw new IllegalStateException(instance + ": " + running + " stress process(es) still running after release");
        }
        checkReleased(tool);
        tool.cleanup();
        context.note("released " + resourceName() + " in " + instance + " " + released);
    }

    protected abstract String resourceName();
}
