package dev.faultline.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

import dev.faultline.engine.model.Scenario;

/** One scenario of a {@link FaultlineScenarios} class: runs it; its tests are the verdict and the objective checks. */
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

    /** Its objective checks are added as tests once the run has ended. */
    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
