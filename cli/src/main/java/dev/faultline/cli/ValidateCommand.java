package dev.faultline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * {@code faultline validate <files>}: checks scenarios and their topologies, and drill files with every scenario they
 * name (a file whose top level has {@code drill:}), without starting anything.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
        description = "Check scenarios, topologies and drill files without starting anything.")
final class ValidateCommand implements Callable<Integer> {
    private static final Pattern DRILL_KEY = Pattern.compile("(?m)^drill:");

    @Parameters(arity = "1..*", paramLabel = "<scenario.yaml|dir>")
    List<Path> paths;

    @Override
    public Integer call() {
        ScenarioLoader loader = ScenarioLoader.standard();
        List<Path> drills = paths.stream().filter(ValidateCommand::isDrillFile).toList();
        List<Path> rest = paths.stream().filter(p -> !drills.contains(p)).toList();
        int exit = 0;
        for (Path drill : drills) {
            try {
                DrillSuite suite = loader.loadDrill(drill);
                System.out.printf("ok  %s (%s): drill of %d scenario(s): %s%n", suite.drill().name(), drill,
                        suite.scenarios().size(), String.join(", ", suite.scenarios().stream().map(Scenario::name)
                                .toList()));
            } catch (InvalidScenarioException e) {
                System.err.println(e.getMessage());
                exit = Verdict.INVALID_INPUT_EXIT;
            }
        }
        if (rest.isEmpty()) {
            return exit;
        }
        try {
            List<Scenario> scenarios = loader.loadAll(rest);
            for (Scenario s : scenarios) {
                System.out.printf("ok  %s (%s): %d fault(s), %d objective(s), topology %s%n", s.name(), s.source(),
                        s.faults().size(), s.objectives().size(), s.topology().name());
            }
            return exit;
        } catch (InvalidScenarioException e) {
            System.err.println(e.getMessage());
            return Verdict.INVALID_INPUT_EXIT;
        }
    }

    /** A regular YAML file of at most 256 KiB whose top level has a {@code drill:} key: a drill file. */
    private static boolean isDrillFile(Path path) {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > 256 * 1024) {
                return false;
            }
            return DRILL_KEY.matcher(Files.readString(path)).find();
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // the scenario loader says why it cannot be read
        }
    }
}
