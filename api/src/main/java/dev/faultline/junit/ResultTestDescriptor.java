package dev.faultline.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import dev.faultline.engine.spi.Objective;

/** A test judged from a scenario's result: its verdict, or one objective check (added once the run has ended). */
final class ResultTestDescriptor extends AbstractTestDescriptor {
    static final String VERDICT = "verdict";
    static final String CHECK = "objective";

    private final Objective.Check check;

    ResultTestDescriptor(UniqueId id, String displayName, Objective.Check check) {
        super(id, displayName);
        this.check = check;
    }

    /** The objective check this test reports, or null for the verdict test. */
    Objective.Check check() {
        return check;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
