package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.ContainerControl;

/**
 * Real PostgreSQL stores for the {@code data-corruption} state tests ({@code state-targets.yaml}), started once for
 * all of them and removed when the whole test plan has run: {@code store-a} holds the checkpoints of
 * {@code worker-a} (the first run's world), {@code store-b} those of {@code worker-b} (the second's). The agents are
 * declared, not started: a checkpoint's owner is only a name.
 */
final class StateTargets implements BeforeAllCallback {
    static final TopologyTargets TOPOLOGY = new TopologyTargets("state-targets.yaml", "state-it")
            .starting(StateTargets::storesOnly);

    @Override
    public void beforeAll(ExtensionContext context) {
        TOPOLOGY.startFor(context);
    }

    /** The stores of {@code topology}: the agents are declared, not started. */
    private static Topology storesOnly(Topology topology) {
        Map<String, ServiceSpec> stores = new LinkedHashMap<>();
        topology.services().values().stream().filter(s -> s.role() == Role.STORE)
                .forEach(s -> stores.put(s.name(), s));
        return new Topology(topology.name(), stores, List.of());
    }

    /** Runs {@code sql} in {@code store} with psql, as the store's own user; what it printed, unaligned. */
    static String sql(String store, String sql) {
        ContainerControl.ExecResult r = TOPOLOGY.control().run(store, "env", "PGPASSWORD=faultline", "psql", "-h",
                "127.0.0.1", "-U", "faultline", "-d", "faultline", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql);
        assertThat(r.exitCode()).as(sql + ": " + r.stderr()).isZero();
        return r.stdout().strip();
    }
}
