package dev.faultline.junit;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

import dev.faultline.engine.run.Verdict;

/**
 * Behind {@link FaultlineTest}: gives the test method (or its {@code @BeforeEach} / {@code @AfterEach} methods) one
 * {@link ScenarioRunner}, kept in the test's store, and after the test fails it for every run whose verdict was
 * not the expected one, unless the test already failed.
 */
final class ScenarioRunnerExtension implements ParameterResolver, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ScenarioRunnerExtension.class);
    private static final String RUNNER = "runner";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScenarioRunner.class;
    }

    @Override
    public ScenarioRunner resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a ScenarioRunner belongs to one @FaultlineTest method: it "
                    + "cannot be given to " + parameter.getDeclaringExecutable() + "; take it as a parameter of the "
                    + "test method, or of a @BeforeEach or @AfterEach method");
        }
        return runner(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        ScenarioRunner runner = context.getStore(NAMESPACE).get(RUNNER, ScenarioRunner.class);
        if (runner == null || context.getExecutionException().isPresent()) {
            return;
        }
        Verdict expected = expected(context);
        List<AssertionFailedError> failures = runner.results().stream()
                .flatMap(r -> Verdicts.unexpected(expected, r).stream()).toList();
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            AssertionFailedError all = new AssertionFailedError(failures.size() + " runs did not come to "
                    + expected + ":\n" + failures.stream().map(Throwable::getMessage)
                    .collect(Collectors.joining("\n")));
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }

    private static ScenarioRunner runner(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RUNNER,
                key -> new ScenarioRunner(context, ScenarioRuns.configured(context::getConfigurationParameter)),
                ScenarioRunner.class);
    }

    private static Verdict expected(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getTestMethod(), FaultlineTest.class)
                .map(FaultlineTest::expect).orElse(Verdict.PASSED);
    }
}
