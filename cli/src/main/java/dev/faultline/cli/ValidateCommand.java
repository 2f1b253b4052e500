package dev.faultline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/** {@code faultline validate <files>}: checks scenarios and their topologies without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
        description = "Check scenarios and topologies without starting anything.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<scenario.yaml|dir>")
    List<Path> paths;

    @Override
    public Integer call() {
        try {
            List<Scenario> scenarios = ScenarioLoader.standard().loadAll(paths);
            for (Scenario s : scenarios) {
                System.out.printf("ok  %s (%s): %d fault(s), %d objective(s), topology %s%n", s.name(), s.source(),
                        s.faults().size(), s.objectives().size(), s.topology().name());
            }
            return 0;
        } catch (InvalidScenarioException e) {
            System.err.println(e.getMessage());
            return Verdict.INVALID_INPUT_EXIT;
        }
    }
}
