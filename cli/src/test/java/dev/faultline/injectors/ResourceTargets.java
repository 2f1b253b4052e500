package dev.faultline.injectors;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Real containers for the resource-exhaustion tests, started once for all of them and removed when the test JVM
 * ends: {@code agent-a}/{@code agent-b} (an agent's JVM as PID 1, 0.5 CPU, 256m, a 32m bounded disk) and
 * {@code store-a}/{@code store-b} (PostgreSQL). The {@code -a} ones are the first run's world, the {@code -b} ones
 * the second's.
 */
final class ResourceTargets {
    private static final java.util.Map<String, String> BASELINES = new java.util.HashMap<>();
    private static TopologyRuntime runtime;

    private ResourceTargets() {
    }

    static synchronized TopologyRuntime runtime() {
        if (runtime == null) {
            Topology topology = ScenarioLoader.standard().loadTopology(resource("resource-targets.yaml"));
            TopologyRuntime started = new TopologyRuntime(topology, "resource-it-" + ProcessHandle.current().pid());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "remove-resource-targets"));
            started.start(progress -> { });
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
