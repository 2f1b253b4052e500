package dev.faultline;

import static dev.faultline.ScriptedRun.fault;
import static dev.faultline.ScriptedRun.phase;
import static dev.faultline.engine.timeline.FaultState.FAILED;
import static dev.faultline.engine.timeline.FaultState.INJECTED;
import static dev.faultline.engine.timeline.FaultState.VERIFIED;
import static dev.faultline.engine.timeline.RunPhase.DRAIN;
import static dev.faultline.engine.timeline.RunPhase.LOAD;
import static dev.faultline.engine.timeline.RunPhase.STARTING;
import static dev.faultline.engine.timeline.RunPhase.STEADY_STATE;
import static dev.faultline.engine.timeline.RunPhase.STOPPING;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.TimelineEvent;

class RunningScenarioTest {
    private static final Scenario WORKER_CRASH = Faultline.load(Path.of("../scenarios/worker-crash.yaml"));
    /** Generous: a wait that succeeds returns as soon as what it waits for is there. */
    private static final Duration LONG = ofSeconds(30);

    private static RunningScenario start(ScriptedRun script) {
        return RunningScenario.start(WORKER_CRASH, Faultline.options(), script);
    }

    @Test
    void awaitPhaseReturnsThePhaseOnceTheRunEntersIt() {
        try (RunningScenario run = start(ScriptedRun.heldOpenAfter(phase(0, STARTING), phase(4_200, LOAD)))) {
            TimelineEvent.Phase load = run.awaitPhase(LOAD, LONG);

            assertThat(load.t()).isEqualTo(4_200);
            assertThat(run.isDone()).isFalse();
        }
    }

    @Test
    void awaitPhaseFailsAsSoonAsTheRunEndsWithoutThatPhase() {
        try (RunningScenario run = start(ScriptedRun.endingAfter(phase(0, STARTING), phase(900, STOPPING)))) {
            AssertionFailedError e = catchThrowableOfType(AssertionFailedError.class,
                    () -> run.awaitPhase(LOAD, LONG));

            assertThat(e).hasMessage("worker-crash: the run ended (verdict PASSED: every objective met) without "
                    + "phase 'load'; phases so far: starting, stopping");
        }
    }

    @Test
    void awaitPhaseFailsWhenTheTimeoutPassesFirst() {
        try (RunningScenario run = start(ScriptedRun.heldOpenAfter(phase(0, STARTING)))) {
            AssertionFailedError e = catchThrowableOfType(AssertionFailedError.class,
                    () -> run.awaitPhase(DRAIN, ofMillis(200)));

            assertThat(e).hasMessage("worker-crash: phase 'drain' did not happen within 200ms; phases so far: "
                    + "starting");
        }
    }

    @Test
    void awaitFaultReturnsTheChangeOfThatFault() {
        try (RunningScenario run = start(ScriptedRun.heldOpenAfter(phase(0, LOAD),
                fault(10_000, "kill-worker", INJECTED), fault(10_300, "kill-worker", VERIFIED)))) {
            TimelineEvent.FaultChange verified = run.awaitFault("kill-worker", VERIFIED, LONG);

            assertThat(verified.t()).isEqualTo(10_300);
            assertThat(verified.detail()).isEqualTo("verified detail");
        }
    }

    @Test
    void awaitFaultFailsWithTheChangesSeenWhenTheRunEndsWithoutIt() {
        try (RunningScenario run = start(ScriptedRun.endingAfter(fault(10_000, "kill-worker", INJECTED),
                fault(10_100, "kill-worker", FAILED)))) {
            AssertionFailedError e = catchThrowableOfType(AssertionFailedError.class,
                    () -> run.awaitFault("kill-worker", VERIFIED, LONG));

            assertThat(e.getMessage()).endsWith("without fault kill-worker verified; changes of kill-worker so far: "
                    + "injected, failed");
        }
    }

    @Test
    void awaitFaultRefusesAFaultTheScenarioDoesNotHave() {
        try (RunningScenario run = start(ScriptedRun.endingAfter())) {
            assertThatThrownBy(() -> run.awaitFault("kill-wroker", INJECTED, LONG))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("awaitFault: scenario worker-crash has no fault 'kill-wroker'; its faults: "
                            + "kill-worker");
        }
    }

    @Test
    void resultWaitsForTheRunToEnd() {
        ScriptedRun script = ScriptedRun.heldOpenAfter(phase(0, STARTING));
        try (RunningScenario run = start(script)) {
            run.awaitPhase(STARTING, LONG);
            script.finish();

            RunResult result = run.result(LONG);

            assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        }
    }

    @Test
    void cancelEndsTheRunAsAborted() {
        try (RunningScenario run = start(ScriptedRun.heldOpenAfter(phase(0, LOAD)))) {
            run.awaitPhase(LOAD, LONG);

            run.cancel();
            RunResult result = run.result(LONG);

            assertThat(result.verdict()).isEqualTo(Verdict.ABORTED);
            assertThat(result.reason()).isEqualTo("cancelled: cancelled by the test");
        }
    }

    @Test
    void resultFailsWhenTheTimeoutPassesFirst() {
        try (RunningScenario run = start(ScriptedRun.heldOpenAfter(phase(0, STARTING), phase(50, STEADY_STATE)))) {
            AssertionFailedError e = catchThrowableOfType(AssertionFailedError.class, () -> run.result(ofMillis(200)));

            assertThat(e).hasMessage("worker-crash: the run did not end within 200ms; phases so far: starting, "
                    + "steady-state");
        }
    }

    @Test
    void closeCancelsARunStillGoingAndWaitsForItsEnd() {
        RunningScenario run = start(ScriptedRun.heldOpenAfter(phase(0, LOAD)));

        run.close();

        assertThat(run.isDone()).isTrue();
        assertThat(run.result(ofMillis(100)).verdict()).isEqualTo(Verdict.ABORTED);
    }

    @Test
    void aHarnessFailureSurfacesFromResult() {
        RunningScenario run = RunningScenario.start(WORKER_CRASH, Faultline.options(), (s, o) -> {
            throw new IllegalStateException("no Docker engine");
        });

        assertThatThrownBy(() -> run.result(LONG)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the harness failed to run worker-crash: no Docker engine")
                .hasRootCauseMessage("no Docker engine");
    }

    @Test
    void theCallersObserverStillSeesEveryEvent() {
        List<TimelineEvent> seen = new CopyOnWriteArrayList<>();
        RunningScenario run = RunningScenario.start(WORKER_CRASH, Faultline.options().withObserver(seen::add),
                ScriptedRun.endingAfter(phase(0, STARTING), phase(10, STOPPING)));

        run.result(LONG);

        assertThat(seen).isEqualTo(run.events()).hasSize(2);
    }

    @Test
    void aTimeoutOfZeroIsRefused() {
        try (RunningScenario run = start(ScriptedRun.endingAfter())) {
            assertThatThrownBy(() -> run.awaitPhase(LOAD, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timeout must be greater than 0, but was PT0S");
        }
    }
}
