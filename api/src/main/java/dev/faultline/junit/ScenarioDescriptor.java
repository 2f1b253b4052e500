package dev.faultline.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

import dev.faultline.engine.model.Scenario;

/**
 * One scenario of a {@link FaultlineScenarios} class: runs it; its tests are the verdict and the objective checks.
 * The objective checks are added once the run has ended, yet {@link #mayRegisterTests()} stays false: the verdict
 * test is always there, and a filter that leaves it out (a test-name filter, a post-discovery filter) leaves the
 * scenario out, which is then pruned rather than run.
 */
final class ScenarioDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "scenario";

    private final Scenario scenario;

    ScenarioDescriptor(UniqueId parent, Scenario scenario) {
        super(parent.append(SEGMENT, scenario.name()), scenario.name(),
                FileSource.from(scenario.source().toAbsolutePath().normalize().toFile()));
        this.scenario = scenario;
        addChild(new ResultTestDescriptor(getUniqueId().append(ResultTestDescriptor.VERDICT, "verdict"), "verdict",
                null));
    }

    Scenario scenario() {
        return scenario;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
