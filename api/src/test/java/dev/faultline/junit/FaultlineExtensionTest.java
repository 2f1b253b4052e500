package dev.faultline.junit;

import static dev.faultline.assertions.api.FaultlineAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.suppressed;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.MultipleFailuresError;

import dev.faultline.Faultline;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;

class FaultlineExtensionTest {
    private static final String VERDICT_FAILURE = "verdict: expected PASSED but was FAILED (integrity.lost expected "
            + "<= 0 but was 3)";

    private static Events run(Class<?> examples, String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyUnderTestKit.KEY, "true")
                .selectors(selectMethod(examples, method))
                .execute()
                .testEvents();
    }

    @Test
    void aFailingAssertNeverAssertedFailsTheTest() {
        Events events = run(Examples.class, "forgetsAssertAll");

        events.assertThatEvents().haveExactly(1, event(test("forgetsAssertAll"),
                finishedWithFailure(instanceOf(MultipleFailuresError.class), message(m -> m.startsWith(
                        "scenario worker-crash (run worker-crash-example, verdict FAILED, results in ")
                        && m.endsWith(VERDICT_FAILURE)))));
    }

    @Test
    void aPassingAssertNeverAssertedLetsTheTestPass() {
        run(Examples.class, "meetsEveryExpectationWithoutAssertAll").assertThatEvents()
                .haveExactly(1, event(test("meetsEveryExpectationWithoutAssertAll"), finishedSuccessfully()));
    }

    @Test
    void failuresThatAssertAllThrewAreNotReportedAgain() {
        run(Examples.class, "catchesWhatAssertAllThrew").assertThatEvents()
                .haveExactly(1, event(test("catchesWhatAssertAllThrew"), finishedSuccessfully()));
    }

    @Test
    void failuresRecordedAfterAssertAllStillFailTheTest() {
        run(Examples.class, "addsAnExpectationAfterAssertAll").assertThatEvents()
                .haveExactly(1, event(test("addsAnExpectationAfterAssertAll"),
                        finishedWithFailure(instanceOf(MultipleFailuresError.class),
                                message(m -> m.endsWith(VERDICT_FAILURE)))));
    }

    @Test
    void unreportedFailuresAreAddedToTheTestsOwnFailure() {
        run(Examples.class, "failsOtherwiseAndForgetsAssertAll").assertThatEvents()
                .haveExactly(1, event(test("failsOtherwiseAndForgetsAssertAll"), finishedWithFailure(
                        instanceOf(IllegalStateException.class), message("the system under test broke"),
                        suppressed(0, instanceOf(MultipleFailuresError.class)))));
    }

    @Test
    void anAssertCreatedOnAThreadTheTestStartedIsTracked() {
        run(Examples.class, "forgetsAssertAllOnAnotherThread").assertThatEvents()
                .haveExactly(1, event(test("forgetsAssertAllOnAnotherThread"),
                        finishedWithFailure(instanceOf(MultipleFailuresError.class))));
    }

    @Test
    void withoutTheExtensionAForgottenAssertAllGoesUnnoticed() {
        run(ExamplesWithoutExtension.class, "forgetsAssertAll").assertThatEvents()
                .haveExactly(1, event(test("forgetsAssertAll"), finishedSuccessfully()));
    }

    /** Example tests, run only by the tests above through the test kit. */
    @ExtendWith({OnlyUnderTestKit.class, FaultlineExtension.class})
    static class Examples {
        @Test
        void forgetsAssertAll() {
            assertThat(ExampleRuns.FAILED).passed();
        }

        @Test
        void meetsEveryExpectationWithoutAssertAll() {
            assertThat(ExampleRuns.PASSED).passed().lostNothing();
        }

        @Test
        void catchesWhatAssertAllThrew() {
            try {
                assertThat(ExampleRuns.FAILED).passed().assertAll();
            } catch (MultipleFailuresError expected) {
                // the test looks at the failure itself
            }
        }

        @Test
        void addsAnExpectationAfterAssertAll() {
            var assertion = assertThat(ExampleRuns.FAILED).lostNothing();
            assertion.assertAll();
            assertion.passed();
        }

        @Test
        void failsOtherwiseAndForgetsAssertAll() {
            assertThat(ExampleRuns.FAILED).passed();
            throw new IllegalStateException("the system under test broke");
        }

        @Test
        void forgetsAssertAllOnAnotherThread() throws InterruptedException {
            Thread thread = new Thread(() -> assertThat(ExampleRuns.FAILED).passed());
            thread.start();
            thread.join();
        }
    }

    /** The same mistake without the extension, run only through the test kit. */
    @ExtendWith(OnlyUnderTestKit.class)
    static class ExamplesWithoutExtension {
        @Test
        void forgetsAssertAll() {
            assertThat(ExampleRuns.FAILED).passed();
        }
    }

    /** Keeps the example tests from running on their own (in an IDE, or when a build selects every class). */
    static final class OnlyUnderTestKit implements ExecutionCondition {
        static final String KEY = "faultline.extension-examples";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent()
                    ? ConditionEvaluationResult.enabled("run by FaultlineExtensionTest")
                    : ConditionEvaluationResult.disabled("an example that FaultlineExtensionTest runs");
        }
    }

    /** A passed and a failed run of worker-crash, made by hand (nothing is started). */
    static final class ExampleRuns {
        static final RunResult PASSED = result(Verdict.PASSED, "every objective met");
        static final RunResult FAILED = result(Verdict.FAILED, "integrity.lost expected <= 0 but was 3");

        private static RunResult result(Verdict verdict, String reason) {
            Scenario scenario = Faultline.load(Path.of("../scenarios/worker-crash.yaml"));
            RunRecord record = new RunRecord(scenario, "worker-crash-example", Instant.EPOCH, new Timeline(),
                    new Ledger(), List.of(), Map.of(), -1, -1, -1);
            return new RunResult(record, Measurements.of(record, Duration.ofSeconds(3)), List.of(), verdict, reason,
                    Instant.EPOCH, Path.of("target/faultline/worker-crash"));
        }
    }
}
