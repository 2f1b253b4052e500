package dev.faultline.load.gatling;

import java.util.List;
import java.util.Set;

import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.spi.LoadDriver;

/**
 * The {@code gatling} driver: the scenario's load as a Gatling simulation (Java DSL) run in this JVM. Its work items
 * go into the run's ledger as the built-in {@code ledger} driver's do, so every objective reads them the same way;
 * Gatling's own statistics and HTML report are kept beside the run's.
 *
 * <p>Workloads: open at {@code rate} (optionally rising from 0 over {@code ramp-up}), closed with {@code users}, or a
 * user's own {@code simulation}, which sends its work items through {@link FaultlineGatling#submitItem()}.
 */
public final class GatlingDriver implements LoadDriver {
    @Override
    public String name() {
        return "gatling";
    }

    @Override
    public Set<String> options() {
        return Set.of("users", "ramp-up", "simulation");
    }

    @Override
    public List<OptionProblem> check(LoadSpec spec) {
        if (spec.simulation() == null) {
            return List.of();
        }
        String problem = SimulationClass.problem(spec.simulation(), Thread.currentThread().getContextClassLoader());
        return problem == null ? List.of() : List.of(new OptionProblem("simulation", problem));
    }

    @Override
    public Running start(LoadSpec spec, Context context) {
        return GatlingRun.start(spec, context);
    }
}
