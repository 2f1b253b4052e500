package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/** The fault driver and its plan over a fake topology: order, same-instant reverts, halt, faults acting again. */
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

    @Test
    void aFaultActingAgainIsRecordedOnTheTimeline() throws Exception {
        List<FaultContext> contexts = new CopyOnWriteArrayList<>();
        FaultDriver driver = driver(List.of(Scenarios.fault("loop", 0, 10_000, actsAgainLater(contexts))));
        driver.inject(0, () -> false);

        contexts.get(0).actedAgain("crashed again");

        assertThat(timeline.events(TimelineEvent.FaultChange.class, c -> c.change() == FaultState.ACTED_AGAIN))
                .extracting(TimelineEvent.FaultChange::fault, TimelineEvent.FaultChange::detail)
                .containsExactly(tuple("loop", "crashed again"));
    }

    @Test
    void aFaultsWindowCarriesTheLastTimeItActedAgain() throws Exception {
        List<FaultContext> contexts = new CopyOnWriteArrayList<>();
        FaultDriver driver = driver(List.of(Scenarios.fault("loop", 0, 10_000, actsAgainLater(contexts))));
        driver.inject(0, () -> false);
        untilTheClockPasses(driver.windows().get(0).injectedAt());

        contexts.get(0).actedAgain("crashed again");
        contexts.get(0).actedAgain("and again");

        long last = timeline.events(TimelineEvent.FaultChange.class, c -> c.change() == FaultState.ACTED_AGAIN)
                .get(1).t();
        assertThat(driver.windows()).extracting(FaultWindow::lastActedAt).containsExactly(last);
    }

    @Test
    void aFaultThatNeverActedAgainLastActedAtItsInjection() throws Exception {
        FaultDriver driver = driver(List.of(Scenarios.fault("once", 0, 10_000, new RecordingFault(log))));

        driver.inject(0, () -> false);

        FaultWindow window = driver.windows().get(0);
        assertThat(window.lastActedAt()).isEqualTo(window.injectedAt());
    }

    /** Lets the timeline's millisecond clock move on from {@code t}, so what happens next is told apart from it. */
    private void untilTheClockPasses(long t) {
        while (timeline.now() <= t) {
            Thread.onSpinWait();
        }
    }

    /** A fault that hands its run's context out, so the test can make it act again as a repeated crash would. */
    private Fault actsAgainLater(List<FaultContext> contexts) {
        RecordingFault recording = new RecordingFault(log);
        return new Fault() {
            @Override
            public Handle handle(FaultContext context) {
                contexts.add(context);
                return recording.handle(context);
            }

            @Override
            public String describe() {
                return "acts again";
            }
        };
    }
}
