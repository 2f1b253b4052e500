package dev.faultline.injectors;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;

/**
 * The fault contract against real containers of a {@link TopologyTargets}: each run's world is one instance of it,
 * and every run a test starts is reverted after the test whatever it checked (a real fault outlives a test
 * otherwise). A fault type's contract says which topology, which instance is each run's, and what differs.
 */
abstract class TopologyContract extends FaultContractTest {
    private final TopologyTargets topology;
    private final List<Fault.Handle> started = new ArrayList<>();

    /** A contract whose two runs' worlds are in {@code topology}. */
    protected TopologyContract(TopologyTargets topology) {
        this.topology = topology;
    }

    /**
     * What the instance the fault targets is named but for its world's suffix: {@code <name>-a} is the first run's,
     * {@code <name>-b} the second's.
     */
    protected abstract String targetName();

    /** The instance the fault targets in one run's world. */
    protected final String instance(Side side) {
        return targetName() + (side == Side.FIRST ? "-a" : "-b");
    }

    /** The started topology both runs' worlds are in. */
    protected final TopologyTargets startedTopology() {
        return topology;
    }

    @Override
    protected List<String> targets() {
        return targets(Side.FIRST);
    }

    @Override
    protected List<String> targets(Side side) {
        return List.of(instance(side));
    }

    @Override
    protected ContainerControl control(Side side) {
        return startedTopology().control();
    }

    /** The first run's target's service as declared, for both runs unless {@link #service(Side)} says otherwise. */
    @Override
    protected ServiceSpec service() {
        return startedTopology().service(instance(Side.FIRST));
    }

    @Override
    protected final Fault.Handle run(Fault fault) {
        return revertedAfterTheTest(watched(super.run(fault)));
    }

    @Override
    protected final Fault.Handle otherRun(Fault fault) {
        return revertedAfterTheTest(super.otherRun(fault));
    }

    /** The first run's handle as the tests use it: itself, unless a contract watches it (e.g. times it). */
    protected Fault.Handle watched(Fault.Handle run) {
        return run;
    }

    private Fault.Handle revertedAfterTheTest(Fault.Handle run) {
        started.add(run);
        return run;
    }

    @AfterEach
    void revertEveryRun() throws Exception {
        for (Fault.Handle run : started) {
            run.revert();
        }
    }
}
