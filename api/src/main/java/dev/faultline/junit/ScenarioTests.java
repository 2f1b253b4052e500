package dev.faultline.junit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import dev.faultline.Faultline;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Scenarios as JUnit 5 dynamic tests, one per scenario:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> scenarios() {
 *     return ScenarioTests.expecting(Verdict.PASSED, Path.of("scenarios"));
 * }
 * }</pre>
 * Every file is validated before anything starts (an invalid one fails the factory). A scenario whose verdict is
 * not the expected one fails its test with the verdict's reason (the violated objectives) in the message. Results
 * go to {@code target/faultline/<scenario>/} unless the system property {@code faultline.reportDir} says otherwise.
 */
public final class ScenarioTests {
    private ScenarioTests() {
    }

    public static Stream<DynamicTest> expecting(Verdict expected, Path... scenariosOrDirs) {
        return expecting(expected, result -> { }, scenariosOrDirs);
    }

    /** As {@link #expecting(Verdict, Path...)}, then {@code moreChecks} on each result whose verdict was as expected. */
    public static Stream<DynamicTest> expecting(Verdict expected, Consumer<RunResult> moreChecks,
                                                Path... scenariosOrDirs) {
        List<Scenario> scenarios = ScenarioLoader.standard().loadAll(List.of(scenariosOrDirs));
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.name(), s.source().toUri(), () -> {
            RunResult result = run(s);
            Optional<AssertionFailedError> unexpected = Verdicts.unexpected(expected, result);
            if (unexpected.isPresent()) {
                throw unexpected.get();
            }
            moreChecks.accept(result);
        }));
    }

    /** Runs one scenario with results under the report directory ({@link Faultline#run(Scenario)}). */
    public static RunResult run(Scenario scenario) {
        return Faultline.run(scenario);
    }

    /** {@link Faultline#reportDir()}. */
    public static Path reportDir() {
        return Faultline.reportDir();
    }
}
