package dev.faultline.assertions.api;

import java.util.Objects;
import java.util.function.Consumer;

import dev.faultline.engine.run.RunResult;

/**
 * Entry point of the fluent, soft assertions on a run: every expectation in a chain is judged, and all that failed
 * are reported together, each with expected and actual figures.
 *
 * <pre>{@code
 * import static dev.faultline.assertions.api.FaultlineAssertions.assertThat;
 * import static java.time.Duration.ofSeconds;
 *
 * assertThat(result)
 *         .recoveredWithin(ofSeconds(15))
 *         .lostNothing()
 *         .containedTo("worker")
 *         .assertAll();
 * }</pre>
 *
 * <p><b>A chain reports nothing until it is asserted.</b> Outside the JUnit extension
 * {@code dev.faultline.junit.FaultlineExtension}, end every chain with {@link ResultAssert#assertAll()} or
 * write it inside {@link #assertSoftly(RunResult, Consumer)}; otherwise a test whose run broke every expectation
 * still passes. Under the extension, every {@code ResultAssert} created during a test is asserted when the test
 * ends, so a forgotten {@code assertAll()} still fails the test.
 */
public final class FaultlineAssertions {
    private FaultlineAssertions() {
    }

    /**
     * Expectations on {@code result}, reported by {@link ResultAssert#assertAll()} (or by the JUnit extension at
     * the end of the test, for chains that forgot to).
     */
    public static ResultAssert assertThat(RunResult result) {
        ResultAssert assertion = new ResultAssert(result);
        AssertionScope.track(assertion);
        return assertion;
    }

    /** Runs {@code expectations} on {@code result}, then throws every failure they recorded, together. */
    public static void assertSoftly(RunResult result, Consumer<ResultAssert> expectations) {
        Objects.requireNonNull(expectations, "expectations");
        ResultAssert assertion = assertThat(result);
        expectations.accept(assertion);
        assertion.assertAll();
    }
}
