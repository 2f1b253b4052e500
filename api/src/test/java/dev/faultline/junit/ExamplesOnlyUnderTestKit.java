package dev.faultline.junit;

import java.util.Optional;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the example scenario classes of {@link FaultlineTestEngineTest} (some fail on purpose) out of a launcher's
 * run: Surefire runs nested classes when {@code -Dtest} gives a pattern, and IDEs may select them. The test kit,
 * which runs them, applies only the filters a test gives it. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter}.
 */
public final class ExamplesOnlyUnderTestKit implements PostDiscoveryFilter {
    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        boolean example = descriptor.getUniqueId().getEngineId().filter(FaultlineTestEngine.ID::equals).isPresent()
                && isInExample(descriptor);
        return FilterResult.includedIf(!example, () -> "not a scenario class of FaultlineTestEngineTest",
                () -> "an example that FaultlineTestEngineTest runs through the test kit");
    }

    /** Whether {@code descriptor} or a descriptor above it is a scenario class nested in the test. */
    private static boolean isInExample(TestDescriptor descriptor) {
        for (Optional<TestDescriptor> d = Optional.of(descriptor); d.isPresent(); d = d.get().getParent()) {
            boolean example = d.get().getSource().filter(ClassSource.class::isInstance)
                    .map(s -> ((ClassSource) s).getJavaClass().getEnclosingClass())
                    .filter(FaultlineTestEngineTest.class::equals).isPresent();
            if (example) {
                return true;
            }
        }
        return false;
    }
}
