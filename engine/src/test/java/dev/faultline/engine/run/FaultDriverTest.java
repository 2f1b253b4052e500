package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.timeline.Timeline;

/** The fault driver and its plan over a fake topology: order, same-instant reverts, halt. */
class FaultDriverTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Timeline timeline = new Timeline();

    private FaultDriver driver(List<FaultSpec> faults) {
        return new FaultDriver(Scenarios.withFaults(faults, null), new FakeTopology(Scenarios.TOPOLOGY, -1),
                timeline, 7);
    }

    private void runPlan(List<FaultSpec> faults) throws Exception {
        new FaultPlan(faults).run(driver(faults), System.nanoTime(), () -> false);
    }

    @Test
    void faultsAreInjectedAndRevertedInTimeOrderWhateverTheirOrderInTheScenario() throws Exception {
        List<FaultSpec> faults = List.of(
                Scenarios.fault("late", 150, 50, new RecordingFault(log)),
                Scenarios.fault("early", 0, 50, new RecordingFault(log)));

        runPlan(faults);

        assertThat(log).containsExactly("inject early", "revert early", "inject late", "revert late");
    }

    @Test
    void aRevertDueAtTheSameInstantAsAnInjectGoesFirst() throws Exception {
        List<FaultSpec> faults = List.of(
                Scenarios.fault("second", 100, 50, new RecordingFault(log)),
                Scenarios.fault("first", 0, 100, new RecordingFault(log)));

        runPlan(faults);

        assertThat(log).containsExactly("inject first", "revert first", "inject second", "revert second");
    }

    @Test
    void aHaltRevertsEveryFaultInForceAndNothingIsInjectedAfterIt() throws Exception {
        List<FaultSpec> faults = List.of(
                Scenarios.fault("one", 0, 10_000, new RecordingFault(log)),
                Scenarios.fault("two", 0, 10_000, new RecordingFault(log)),
                Scenarios.fault("three", 0, 10_000, new RecordingFault(log)));
        FaultDriver driver = driver(faults);
        driver.inject(0, () -> false);
        driver.inject(1, () -> false);

        FaultDriver.Halted halted = driver.revertAtOnce(driver.stopInjecting());
        driver.inject(2, () -> false);

        assertThat(halted.reverted()).containsExactly("one", "two");
        List<String> sorted = new CopyOnWriteArrayList<>(log);
        Collections.sort(sorted);
        assertThat(sorted).containsExactly("inject one", "inject two", "revert one", "revert two");
    }
}
