package dev.faultline.injectors;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.faultline.engine.spi.ContainerControl;

/**
 * Real containers for the resource-exhaustion tests, started once for all of them (by the first test class that
 * extends with this) and removed when the whole test plan has run: {@code agent-a}/{@code agent-b} (an agent's
 * JVM as PID 1, 0.5 CPU, 256m, a 32m bounded disk) and {@code store-a}/{@code store-b} (PostgreSQL). The
 * {@code -a} ones are the first run's world, the {@code -b} ones the second's.
 */
final class ResourceTargets implements BeforeAllCallback {
    static final TopologyTargets TOPOLOGY = new TopologyTargets("resource-targets.yaml", "resource-it");
    private static final Map<String, String> BASELINES = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        TOPOLOGY.startFor(context);
    }

    /** What a fault may change in one instance, as its shell sees it: limits, OOM preference, files left. */
    static String snapshot(String instance, String... paths) {
        String command = "grep -i 'open files' /proc/1/limits; cat /proc/1/oom_score_adj; ls -a /tmp "
                + String.join(" ", paths) + "; echo tagged processes: $(grep -l '[.]faultline-' /proc/[0-9]*/cmdline"
                + " 2>/dev/null | wc -l)";
        ContainerControl.ExecResult result = TOPOLOGY.control().run(instance, "sh", "-c", command);
        return result.stdout() + result.stderr();
    }

    /** The instance's snapshot the first time it was asked for, before any fault touched it. */
    static synchronized String baseline(String instance, String... paths) {
        return BASELINES.computeIfAbsent(instance + " " + String.join(" ", paths), k -> snapshot(instance, paths));
    }
}
