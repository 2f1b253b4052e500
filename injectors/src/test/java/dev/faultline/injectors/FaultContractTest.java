package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.LinkControl;

/**
 * The contract every fault type passes: it takes effect, is verified, reverts, reverts twice safely, and reverts
 * when the run failed before it was applied; and the configured fault is settings only, so one scenario run twice,
 * or two runs at once, share nothing. A fault type supplies the fault, its target and, when it works through the
 * fault proxy, the links; and says how to make it miss and what "reverted" means for it.
 *
 * <p>Two runs each have their own world: the {@link Side#FIRST} run acts on {@link #containers} and
 * {@link #links()}, the {@link Side#SECOND} on {@link #otherContainers} and {@link #otherLinks()}.
 */
abstract class FaultContractTest {
    /** The name of the fault under test (its proxy toxics are named after it). */
    protected static final String FAULT_NAME = "under-test";

    /** Which of two runs' worlds. */
    protected enum Side { FIRST, SECOND }

    protected final FakeContainers containers = new FakeContainers("worker-0", "worker-1", "rabbitmq");
    /** The containers of a second run of the same scenario (another topology). */
    protected final FakeContainers otherContainers = new FakeContainers("worker-0", "worker-1", "rabbitmq");
    protected final List<String> notes = new ArrayList<>();

    /** A fresh, configured fault of the type under test. */
    protected abstract Fault fault();

    /** The instances the fault targets in these tests (for a link target: the chosen clients). */
    protected abstract List<String> targets();

    /** Fails, saying what is left, unless the first run's world is back to normal as far as this fault is concerned. */
    protected abstract void assertReverted() throws Exception;

    /** The fault's {@code target:}. */
    protected Target target() {
        return Target.all("worker");
    }

    /** The fault proxies the fault may use. */
    protected LinkControl links() {
        return LinkControl.none();
    }

    /** The fault proxies of the second run's world. */
    protected LinkControl otherLinks() {
        return LinkControl.none();
    }

    /** What a fault of this type may change in one run's world, comparable between the two. */
    protected Object observed(Side side) throws Exception {
        return (side == Side.FIRST ? containers : otherContainers).snapshot();
    }

    protected long seed() {
        return 42L;
    }

    /** Applies the fault in a way that it does not take effect; by default the targets ignore signals. */
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        containers.ignoreSignals = true;
        run.apply();
    }

    /** A run of {@code fault} in the first run's world. */
    protected Fault.Handle run(Fault fault) {
        return fault.handle(context(fault));
    }

    protected FaultContext context(Fault fault) {
        return context(fault, Side.FIRST);
    }

    /** A run of {@code fault} in the second run's world. */
    protected Fault.Handle otherRun(Fault fault) {
        return fault.handle(context(fault, Side.SECOND));
    }

    /** The containers of one run's world: the fakes, unless a fault type's tests use real ones. */
    protected ContainerControl control(Side side) {
        return side == Side.FIRST ? containers : otherContainers;
    }

    /** The instances the fault targets in one run's world. */
    protected List<String> targets(Side side) {
        return targets();
    }

    /** The target's service as a topology declares it (its limits), for faults that read it; none by default. */
    protected ServiceSpec service() {
        return null;
    }

    /** The target's service in one run's world; {@link #service()} unless a fault type's worlds differ. */
    protected ServiceSpec service(Side side) {
        return service();
    }

    /** The whole topology one run's world declares, for faults that reach other services; none by default. */
    protected Topology topology(Side side) {
        return null;
    }

    /**
     * How long a verification may take to come true, polled as the fault driver polls it; zero (one look) unless a
     * fault type measures over time.
     */
    protected Duration verifyWithin() {
        return Duration.ZERO;
    }

    /** The fault's verification, looked at until it holds or {@link #verifyWithin()} has passed. */
    protected Fault.Verification verified(Fault.Handle run) throws Exception {
        long deadline = System.nanoTime() + verifyWithin().toNanos();
        Fault.Verification verification = run.verify();
        while (!verification.tookEffect() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // the fault driver's polling interval
            verification = run.verify();
        }
        return verification;
    }

    private FaultContext context(Fault fault, Side side) {
        FaultSpec spec = new FaultSpec(FAULT_NAME, "contract", target(), Duration.ZERO,
                fault.instantaneous() ? null : Duration.ofSeconds(1), fault);
        return FakeFaultContext.of(spec, targets(side), control(side)).withService(service(side))
                .withTopology(topology(side)).withLinks(side == Side.FIRST ? links() : otherLinks())
                .withSeed(seed()).notingTo(notes::add);
    }

    @Test
    void takesEffectAndIsVerified() throws Exception {
        Fault.Handle run = run(fault());

        run.apply();

        Fault.Verification verification = verified(run);
        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
    }

    @Test
    void isNotVerifiedWhenItDidNotTakeEffect() throws Exception {
        Fault.Handle run = run(fault());

        applyWithoutEffect(run);

        Fault.Verification verification = verified(run);
        assertThat(verification.tookEffect()).as(verification.detail()).isFalse();
        assertThat(verification.detail()).isNotBlank();
    }

    @Test
    void reverts() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();

        run.revert();

        assertReverted();
    }

    @Test
    void revertsTwiceSafely() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();
        run.revert();

        assertThatCode(run::revert).doesNotThrowAnyException();
        assertReverted();
    }

    @Test
    void revertsWhenTheRunFailedBeforeItWasApplied() throws Exception {
        Fault.Handle run = run(fault());

        assertThatCode(run::revert).doesNotThrowAnyException();
        assertReverted();
    }

    @Test
    void describesItsParameters() {
        assertThat(fault().describe()).isNotBlank();
    }

    @Test
    void theConfiguredFaultHoldsSettingsOnly() {
        Fault fault = fault();

        assertThat(Immutability.problems(fault)).as("what could change in the configured fault").isEmpty();
    }

    @Test
    void startingARunTouchesNothing() throws Exception {
        Object before = observed(Side.FIRST);

        run(fault());

        assertThat(observed(Side.FIRST)).isEqualTo(before);
        assertThat(notes).isEmpty();
    }

    @Test
    void twoRunsAtOnceShareNothing() throws Exception {
        Fault fault = fault();
        Fault.Handle first = run(fault);
        Fault.Handle second = otherRun(fault);
        first.apply();
        second.apply();

        first.revert();

        Fault.Verification other = verified(second);
        assertThat(other.tookEffect()).as("the second run's fault after the first was reverted: " + other.detail())
                .isTrue();
        assertReverted();
        second.revert();
        assertThat(observed(Side.SECOND)).as("the second run's world once reverted")
                .isEqualTo(observed(Side.FIRST));
    }

    @Test
    void oneScenarioRunTwiceStartsAfreshTheSecondTime() throws Exception {
        Fault fault = fault();
        Fault.Handle first = run(fault);
        first.apply();
        first.revert();
        Fault.Handle second = otherRun(fault);

        second.apply();

        Fault.Verification verification = verified(second);
        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
        second.revert();
        assertThat(observed(Side.SECOND)).as("the second run's world once reverted")
                .isEqualTo(observed(Side.FIRST));
    }
}
