package dev.faultline.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.faultline.assertions.api.AssertionScope;
import dev.faultline.assertions.api.ResultAssert;

/**
 * Makes sure no Faultline assertion goes unreported: every {@link ResultAssert} created during a test (from
 * {@code FaultlineAssertions.assertThat}, on the test's thread or a thread it started) is asserted when the test
 * ends, so a chain that forgot {@code assertAll()} still fails the test with all its failures. Failures that
 * {@code assertAll()} already threw are not reported twice.
 *
 * <pre>{@code
 * @ExtendWith(FaultlineExtension.class)
 * class WorkerCrashTest {
 *     @Test
 *     void aCrashedWorkerLosesNothing() {
 *         RunResult result = Faultline.run(Path.of("scenarios/worker-crash.yaml"));
 *         assertThat(result).recoveredWithin(ofSeconds(15)).lostNothing().containedTo("worker");
 *     }
 * }
 * }</pre>
 *
 * The asserts are tracked in an {@link AssertionScope} opened before each test (before its {@code @BeforeEach}
 * methods) and kept in the extension's own store namespace; it is checked and closed after the test (after its
 * {@code @AfterEach} methods). Asserts created in {@code @BeforeAll} or {@code @AfterAll} methods are not tracked.
 */
public final class FaultlineExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FaultlineExtension.class);
    private static final String SCOPE = "assertion-scope";

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(SCOPE, AssertionScope.open());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        AssertionScope scope = context.getStore(NAMESPACE).remove(SCOPE, AssertionScope.class);
        if (scope == null) {
            return; // an earlier beforeEach failed before this one ran: the test did not run either
        }
        try {
            scope.assertAllReported();
        } finally {
            scope.close();
        }
    }
}
