package dev.faultline.injectors;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.clock.ClockSkewType;

/**
 * Real agents for the clock-skew tests ({@code clock-targets.yaml}), started once for all of them and removed when
 * the whole test plan has run: {@code clock-a} (the first run's world) and {@code clock-b} (the second's) start with
 * the fault's own {@link Fault#setup} (the shim preloaded, offset 0) as a run starts them, {@code bystander}
 * without it.
 */
final class ClockTargets implements BeforeAllCallback {
    static final TopologyTargets TOPOLOGY = new TopologyTargets("clock-targets.yaml", "clock-it")
            .preparedBy(ClockTargets::preloadTheShim);

    @Override
    public void beforeAll(ExtensionContext context) {
        TOPOLOGY.startFor(context);
    }

    private static void preloadTheShim(TopologyRuntime runtime) {
        Fault skew = new ClockSkewType().configure(YamlParams.parse("{offset: '+30s'}"), Duration.ofSeconds(5));
        for (String service : List.of("clock-a", "clock-b")) {
            runtime.prepare(service, skew.setup(runtime.topology().services().get(service)));
        }
    }
}
