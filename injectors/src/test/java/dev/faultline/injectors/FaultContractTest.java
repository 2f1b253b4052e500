package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * The contract every fault type passes: it takes effect, is verified, reverts, reverts twice safely, and reverts
 * when the run failed before or right after it was applied.
 */
abstract class FaultContractTest {
    protected final FakeContainers containers = new FakeContainers("worker-0", "worker-1", "rabbitmq");
    protected final List<String> notes = new ArrayList<>();

    /** A fresh, configured fault of the type under test. */
    protected abstract Fault fault();

    /** The instances the fault targets in these tests. */
    protected abstract List<String> targets();

    /** Whether the system is back to normal as far as this fault is concerned. */
    protected abstract boolean reverted(FakeContainers containers);

    protected FaultContext context(Fault fault) {
        FaultSpec spec = new FaultSpec("under-test", "contract", Target.all("worker"), java.time.Duration.ZERO,
                fault.instantaneous() ? null : java.time.Duration.ofSeconds(1), fault);
        List<String> targets = targets();
        return new FaultContext() {
            @Override
            public FaultSpec spec() {
                return spec;
            }

            @Override
            public List<String> targetInstances() {
                return targets;
            }

            @Override
            public ContainerControl containers() {
                return containers;
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
    }

    @Test
    void takesEffectAndIsVerified() throws Exception {
        Fault fault = fault();
        FaultContext context = context(fault);

        fault.apply(context);

        assertThat(fault.verify(context).tookEffect()).isTrue();
    }

    @Test
    void isNotVerifiedWhenItDidNotTakeEffect() throws Exception {
        Fault fault = fault();
        FaultContext context = context(fault);
        containers.ignoreSignals = true;

        fault.apply(context);

        assertThat(fault.verify(context).tookEffect()).isFalse();
        assertThat(fault.verify(context).detail()).isNotBlank();
    }

    @Test
    void reverts() throws Exception {
        Fault fault = fault();
        FaultContext context = context(fault);
        fault.apply(context);

        fault.revert(context);

        assertThat(reverted(containers)).isTrue();
    }

    @Test
    void revertsTwiceSafely() throws Exception {
        Fault fault = fault();
        FaultContext context = context(fault);
        fault.apply(context);
        fault.revert(context);

        assertThatCode(() -> fault.revert(context)).doesNotThrowAnyException();
        assertThat(reverted(containers)).isTrue();
    }

    @Test
    void revertsWhenTheRunFailedBeforeItWasApplied() {
        Fault fault = fault();

        assertThatCode(() -> fault.revert(context(fault))).doesNotThrowAnyException();
        assertThat(reverted(containers)).isTrue();
    }

    @Test
    void describesItsParameters() {
        assertThat(fault().describe()).isNotBlank();
    }
}
