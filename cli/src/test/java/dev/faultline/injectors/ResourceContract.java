package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.resource.ResourceExhaustionType;

/**
 * The fault contract of one resource of {@code resource-exhaustion}, against real containers ({@link
 * ResourceTargets}): the first run's world is {@code <kind>-a}, the second's {@code <kind>-b}. Not taking effect
 * means someone undid the squeeze behind the fault's back; reverted means the instance looks as before the fault
 * in its shell, with nothing of Faultline's left in it.
 */
@ExtendWith(ResourceTargets.class)
abstract class ResourceContract extends TopologyContract {
    /** The fault's {@code with:}, e.g. {@code {resource: cpu, level: 100%}}. */
    protected abstract String with();

    ResourceContract() {
        super(ResourceTargets.TOPOLOGY);
    }

    /** {@code agent} or {@code store}: which targets of {@link ResourceTargets} the fault acts on. */
    @Override
    protected String targetName() {
        return "agent";
    }

    /** Paths whose listing belongs to the snapshot of an instance (a disk fault's bounded disk). */
    protected String[] watchedPaths() {
        return new String[0];
    }

    @Override
    protected Fault fault() {
        return new ResourceExhaustionType().configure(YamlParams.parse(with()), Duration.ofSeconds(5));
    }

    @Override
    protected Duration verifyWithin() {
        return Duration.ofSeconds(3);
    }

    @Override
    protected Object observed(Side side) {
        return ResourceTargets.snapshot(targets(side).get(0), watchedPaths());
    }

    /** Someone undid the squeeze behind the fault's back with the fault's own tool. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        run.apply();
        String instance = targets().get(0);
        String dir = control(Side.FIRST).run(instance, "sh", "-c", "ls -d /tmp/.faultline-*").stdout().strip();
        assertThat(dir).as("the fault's tool in " + instance).isNotEmpty();
        String tag = dir.substring("/tmp/.faultline-".length());
        ContainerControl.ExecResult undone = control(Side.FIRST).run(instance, dir + "/stress", "release", tag);
        assertThat(undone.exitCode()).as(undone.stderr()).isZero();
    }

    @BeforeEach
    void takeBaselines() {
        for (Side side : Side.values()) {
            ResourceTargets.baseline(targets(side).get(0), watchedPaths());
        }
    }

    /** The instance looks as it did before any fault, and nothing of Faultline is left in it. */
    @Override
    protected void assertReverted() {
        String instance = targets().get(0);
        String now = ResourceTargets.snapshot(instance, watchedPaths());
        assertThat(now).as("what " + instance + " shows after revert").doesNotContain(".faultline-")
                .isEqualTo(ResourceTargets.baseline(instance, watchedPaths()));
    }
}
