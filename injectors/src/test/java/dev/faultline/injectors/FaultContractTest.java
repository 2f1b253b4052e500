package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.LinkControl;

/**
 * The contract every fault type passes: it takes effect, is verified, reverts, reverts twice safely, and reverts
 * when the run failed before it was applied. A fault type supplies the fault, its target and, when it works through
 * the fault proxy, the links; and says how to make it miss and what "reverted" means for it.
 */
abstract class FaultContractTest {
    /** The name of the fault under test (its proxy toxics are named after it). */
    protected static final String FAULT_NAME = "under-test";

    protected final FakeContainers containers = new FakeContainers("worker-0", "worker-1", "rabbitmq");
    protected final List<String> notes = new ArrayList<>();

    /** A fresh, configured fault of the type under test. */
    protected abstract Fault fault();

    /** The instances the fault targets in these tests (for a link target: the chosen clients). */
    protected abstract List<String> targets();

    /** Fails, saying what is left, unless the system is back to normal as far as this fault is concerned. */
    protected abstract void assertReverted() throws Exception;

    /** The fault's {@code target:}. */
    protected Target target() {
        return Target.all("worker");
    }

    /** The fault proxies the fault may use. */
    protected LinkControl links() {
        return LinkControl.none();
    }

    protected long seed() {
        return 42L;
    }

    /** Applies the fault in a way that it does not take effect; by default the targets ignore signals. */
    protected void applyWithoutEffect(Fault fault, FaultContext context) throws Exception {
        containers.ignoreSignals = true;
        fault.apply(context);
    }

    protected FaultContext context(Fault fault) {
        FaultSpec spec = new FaultSpec(FAULT_NAME, "contract", target(), Duration.ZERO,
                fault.instantaneous() ? null : Duration.ofSeconds(1), fault);
        List<String> targets = targets();
        LinkControl links = links();
        long seed = seed();
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
            public LinkControl links() {
                return links;
            }

            @Override
            public long seed() {
                return seed;
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

        Fault.Verification verification = fault.verify(context);
        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
    }

    @Test
    void isNotVerifiedWhenItDidNotTakeEffect() throws Exception {
        Fault fault = fault();
        FaultContext context = context(fault);

        applyWithoutEffect(fault, context);

        Fault.Verification verification = fault.verify(context);
        assertThat(verification.tookEffect()).as(verification.detail()).isFalse();
        assertThat(verification.detail()).isNotBlank();
    }

    @Test
    void reverts() throws Exception {
        Fault fault = fault();
        FaultContext context = context(fault);
        fault.apply(context);

        fault.revert(context);

        assertReverted();
    }

    @Test
    void revertsTwiceSafely() throws Exception {
        Fault fault = fault();
        FaultContext context = context(fault);
        fault.apply(context);
        fault.revert(context);

        assertThatCode(() -> fault.revert(context)).doesNotThrowAnyException();
        assertReverted();
    }

    @Test
    void revertsWhenTheRunFailedBeforeItWasApplied() throws Exception {
        Fault fault = fault();

        assertThatCode(() -> fault.revert(context(fault))).doesNotThrowAnyException();
        assertReverted();
    }

    @Test
    void describesItsParameters() {
        assertThat(fault().describe()).isNotBlank();
    }
}
