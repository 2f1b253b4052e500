package dev.faultline.junit;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.junit.platform.commons.PreconditionViolationException;

import dev.faultline.Faultline;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;

/**
 * How the JUnit entry points run a scenario, from JUnit configuration parameters (which fall back to system
 * properties): results under {@value Faultline#REPORT_DIR_PROPERTY} (default {@code target/faultline}), run by
 * {@link Faultline#run(Scenario, RunOptions)} unless {@value #RUNNER} names a stand-in (a class with a no-argument
 * constructor implementing {@code BiFunction<Scenario, RunOptions, RunResult>}; for the integration's own tests).
 */
final class ScenarioRuns {
    /** Configuration parameter naming a stand-in for the real runner. */
    static final String RUNNER = "faultline.junit.runner";

    private final BiFunction<Scenario, RunOptions, RunResult> runner;
    private final Path reportDir;

    private ScenarioRuns(BiFunction<Scenario, RunOptions, RunResult> runner, Path reportDir) {
        this.runner = runner;
        this.reportDir = reportDir;
    }

    /** From the configuration parameters that {@code parameter} looks up. */
    static ScenarioRuns configured(Function<String, Optional<String>> parameter) {
        Path reportDir = parameter.apply(Faultline.REPORT_DIR_PROPERTY).map(Path::of).orElseGet(Faultline::reportDir);
        BiFunction<Scenario, RunOptions, RunResult> runner = parameter.apply(RUNNER)
                .map(ScenarioRuns::standIn).orElse(Faultline::run);
        return new ScenarioRuns(runner, reportDir);
    }

    /** Runs {@code scenario} to the end, results under {@code <report dir>/<scenario>/}. */
    RunResult run(Scenario scenario) {
        return runner.apply(scenario, RunOptions.to(reportDir));
    }

    @SuppressWarnings("unchecked")
    private static BiFunction<Scenario, RunOptions, RunResult> standIn(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (BiFunction<Scenario, RunOptions, RunResult>) constructor.newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | ClassCastException e) {
            throw new PreconditionViolationException(RUNNER + " must name a class with a no-argument constructor "
                    + "implementing BiFunction<Scenario, RunOptions, RunResult>, but was '" + className + "': " + e, e);
        }
    }
}
