package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Real PostgreSQL stores for the {@code data-corruption} state tests ({@code state-targets.yaml}), started once for
 * all of them and removed when the whole test plan has run: {@code store-a} holds the checkpoints of
 * {@code worker-a} (the first run's world), {@code store-b} those of {@code worker-b} (the second's). The agents are
 * declared, not started: a checkpoint's owner is only a name.
 */
final class StateTargets implements BeforeAllCallback {
    private static Topology topology;
    private static TopologyRuntime runtime;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(StateTargets.class, k -> new Started(runtime()), Started.class);
    }

    /** Removes the stores when JUnit closes its root store. */
    private record Started(TopologyRuntime runtime) implements AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }

    /** The topology as declared: the stores and the agents whose checkpoints they keep. */
    static synchronized Topology topology() {
        if (topology == null) {
            topology = ScenarioLoader.standard().loadTopology(resource("state-targets.yaml"));
        }
        return topology;
    }

    static synchronized TopologyRuntime runtime() {
        if (runtime == null) {
            Map<String, ServiceSpec> stores = new LinkedHashMap<>();
            topology().services().values().stream().filter(s -> s.role() == Role.STORE)
                    .forEach(s -> stores.put(s.name(), s));
            TopologyRuntime started = new TopologyRuntime(new Topology(topology().name(), stores, java.util.List.of()),
                    "state-it-" + ProcessHandle.current().pid());
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
        return topology().services().get(name);
    }

    /** Runs {@code sql} in {@code store} with psql, as the store's own user; what it printed, unaligned. */
    static String sql(String store, String sql) {
        ContainerControl.ExecResult r = control().run(store, "env", "PGPASSWORD=faultline", "psql", "-h",
                "127.0.0.1", "-U", "faultline", "-d", "faultline", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql);
        assertThat(r.exitCode()).as(sql + ": " + r.stderr()).isZero();
        return r.stdout().strip();
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(StateTargets.class.getClassLoader().getResource(name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
