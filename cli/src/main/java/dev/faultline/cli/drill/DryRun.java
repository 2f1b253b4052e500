package dev.faultline.cli.drill;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import dev.faultline.cli.ScenarioSequence;
import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;

/**
 * The steady-state check of {@code faultline drill plan}: each scenario's topology is started, its probes are
 * sampled until the steady state holds (or the runner gives up), and everything is removed. Nothing is injected and
 * no load is driven. Each check's folder is kept under {@code folder}.
 */
public final class DryRun {
    private DryRun() {
    }

    /** The worst verdict of the checks: PASSED when every scenario's steady state held. */
    public static Verdict check(DrillSuite suite, Path folder, PrintStream out) {
        List<Scenario> stripped = suite.scenarios().stream().map(Scenario::steadyStateOnly).toList();
        out.printf("%nsteady-state check (nothing injected, no load): results in %s%n", folder);
        ScenarioSequence.Outcome outcome = ScenarioSequence.run(stripped, folder, null, out, "faultline drill plan",
                (scenario, result) -> null, ended -> {
                });
        out.println();
        for (RunResult r : outcome.results()) {
            out.printf("  %-8s %s: %s%n", r.verdict() == Verdict.PASSED ? "ok" : r.verdict().name(), r.scenario(),
                    r.verdict() == Verdict.PASSED ? "the steady state held; every container was removed"
                            : r.reason());
        }
        return outcome.worst();
    }
}
