package dev.faultline.assertions.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.opentest4j.MultipleFailuresError;

/**
 * Keeps track of every {@link ResultAssert} created while it is open, so that none with failures goes unreported:
 * {@link #assertAllReported()} throws the failures that no {@link ResultAssert#assertAll()} has thrown yet. This is
 * what {@code dev.faultline.junit.FaultlineExtension} does around each test; without JUnit:
 *
 * <pre>{@code
 * try (AssertionScope scope = AssertionScope.open()) {
 *     assertThat(result).recoveredWithin(ofSeconds(15)).lostNothing();
 *     scope.assertAllReported();
 * }
 * }</pre>
 *
 * <p>A scope belongs to the thread that opened it and to the threads that thread starts while it is open (it is
 * inherited, as an {@link InheritableThreadLocal}); asserts created on other threads are not tracked. Scopes nest:
 * closing one makes the one it was opened in current again. Tracking is thread-safe.
 */
public final class AssertionScope implements AutoCloseable {
    private static final InheritableThreadLocal<AssertionScope> CURRENT = new InheritableThreadLocal<>();

    private final AssertionScope outer;
    private final Thread owner;
    private final List<ResultAssert> tracked = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private AssertionScope(AssertionScope outer) {
        this.outer = outer;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope on this thread; every {@link ResultAssert} created here from now on is tracked by it. */
    public static AssertionScope open() {
        AssertionScope scope = new AssertionScope(current());
        CURRENT.set(scope);
        return scope;
    }

    /** Tracks {@code assertion} in this thread's innermost open scope, if there is one. */
    static void track(ResultAssert assertion) {
        AssertionScope scope = current();
        if (scope != null) {
            scope.tracked.add(assertion);
        }
    }

    private static AssertionScope current() {
        AssertionScope scope = CURRENT.get();
        while (scope != null && scope.closed) {
            scope = scope.outer;
        }
        return scope;
    }

    /** How many asserts this scope tracks. */
    public int tracked() {
        return tracked.size();
    }

    /**
     * Throws the failures of every tracked assert that {@link ResultAssert#assertAll()} has not thrown yet, and marks
     * them reported; returns quietly when there are none. One assert's failures come as its own
     * {@link MultipleFailuresError}; several asserts' come as one listing each.
     */
    public void assertAllReported() {
        List<MultipleFailuresError> unreported = tracked.stream().map(ResultAssert::takeUnreported)
                .flatMap(Optional::stream).toList();
        if (unreported.size() == 1) {
            throw unreported.get(0);
        }
        if (!unreported.isEmpty()) {
            throw new FailuresError(unreported.size()
                    + " Faultline assertions had failures that no assertAll() reported", unreported);
        }
    }

    /** Stops tracking; the scope this one was opened in is current again. Closing twice does nothing. */
    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() == owner && CURRENT.get() == this) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
