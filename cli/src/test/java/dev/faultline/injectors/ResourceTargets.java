package dev.faultline.injectors;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Real containers for the resource-exhaustion tests, started once for all of them (by the first test class that
 * extends with this) and removed when the whole test plan has run: {@code agent-a}/{@code agent-b} (an agent's JVM as PID 1, 0.5 CPU, 256m, a 32m bounded disk) and
 * {@code store-a}/{@code store-b} (PostgreSQL). The {@code -a} ones are the first run's world, the {@code -b} ones
 * the second's.
 */
final class ResourceTargets implements BeforeAllCallback {
    private static final java.util.Map<String, String> BASELINES = new java.util.HashMap<>();
    private static TopologyRuntime runtime;

    /** Starts the containers once, and has JUnit remove them when the whole test plan has run. */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ResourceTargets.class, k -> new Started(runtime()), Started.class);
    }

    /** Removes the containers (and whatever a failed test left in them) when JUnit closes its root store. */
    private record Started(TopologyRuntime runtime) implements AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }

    static synchronized TopologyRuntime runtime() {
        if (runtime == null) {
            Topology topology = ScenarioLoader.standard().loadTopology(resource("resource-targets.yaml"));
            TopologyRuntime started = new TopologyRuntime(topology, "resource-it-" + ProcessHandle.current().pid());
            try {
                started.start(progress -> { });
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            runtime = started;
        }
        return runtime;
    }

    static ContainerControl control() {
        return runtime().control();
    }

    static ServiceSpec service(String name) {
        return runtime().topology().services().get(name);
    }

    /** What a fault may change in one instance, as its shell sees it: limits, OOM preference, files left. */
    static String snapshot(String instance, String... paths) {
        String command = "grep -i 'open files' /proc/1/limits; cat /proc/1/oom_score_adj; ls -a /tmp "
                + String.join(" ", paths) + "; echo tagged processes: $(grep -l '[.]faultline-' /proc/[0-9]*/cmdline"
                + " 2>/dev/null | wc -l)";
        ContainerControl.ExecResult result = control().run(instance, "sh", "-c", command);
        return result.stdout() + result.stderr();
    }

    /** The instance's snapshot the first time it was asked for, before any fault touched it. */
    static synchronized String baseline(String instance, String... paths) {
        return BASELINES.computeIfAbsent(instance + " " + String.join(" ", paths), k -> snapshot(instance, paths));
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(ResourceTargets.class.getClassLoader().getResource(name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
