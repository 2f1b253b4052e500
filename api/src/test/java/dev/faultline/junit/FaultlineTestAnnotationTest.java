package dev.faultline.junit;

import static dev.faultline.assertions.api.FaultlineAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.fileEntry;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.reportEntry;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.suppressed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.assertj.core.api.Condition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

import dev.faultline.Faultline;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;

class FaultlineTestAnnotationTest {
    private static final Path WORKER_CRASH = Path.of("../scenarios/worker-crash.yaml");
    private static final Path LOSSY = Path.of("src/test/resources/junit/lossy-worker-crash.yaml");
    private static final String LOST_THREE = "integrity.lost expected <= 0 but was 3";

    @TempDir
    Path results;

    private Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .outputDirectoryCreator(new Outputs(results.resolve("outputs")))
                .configurationParameter(FaultlineExtensionTest.OnlyUnderTestKit.KEY, "true")
                .configurationParameter(ScenarioRuns.RUNNER, StandInRun.class.getName())
                .configurationParameter(Faultline.REPORT_DIR_PROPERTY, results.toString())
                .selectors(selectMethod(Examples.class, method, ScenarioRunner.class.getName()))
                .execute()
                .testEvents();
    }

    @Test
    void aRunPublishesItsResultFileAndReportToTheTest() {
        Events events = run("runsWorkerCrash");

        events.assertThatEvents()
                .haveExactly(1, event(test("runsWorkerCrash"), finishedSuccessfully()))
                .haveExactly(1, event(fileEntry(f -> f.getPath().getFileName().toString()
                        .equals("worker-crash-result.json") && f.getMediaType().orElseThrow().equals("application/json")
                        && contentOf(f.getPath()).contains("\"verdict\":\"PASSED\""))))
                .haveExactly(1, event(fileEntry(f -> f.getPath().getFileName().toString()
                        .equals("worker-crash-report.html") && f.getMediaType().orElseThrow().startsWith("text/html"))))
                .haveExactly(1, event(reportEntry(Map.of("faultline.results",
                        results.resolve("worker-crash").toAbsolutePath().toString()))));
    }

    @Test
    void aRunWithAnotherVerdictFailsTheTestWithItsReason() {
        run("runsLossyWorkerCrash").assertThatEvents().haveExactly(1, event(test("runsLossyWorkerCrash"),
                finishedWithFailure(instanceOf(AssertionFailedError.class), message(
                        "lossy-worker-crash: expected PASSED but was FAILED: " + LOST_THREE + " (results: "
                                + results.resolve("lossy-worker-crash") + ")"))));
    }

    @Test
    void expectFailedPassesATestWhoseRunFailed() {
        run("expectsTheLossyRunToFail").assertThatEvents()
                .haveExactly(1, event(test("expectsTheLossyRunToFail"), finishedSuccessfully()));
    }

    @Test
    void expectFailedFailsATestWhoseRunPassed() {
        run("expectsWorkerCrashToFail").assertThatEvents().haveExactly(1, event(test("expectsWorkerCrashToFail"),
                finishedWithFailure(message(m -> m.startsWith(
                        "worker-crash: expected FAILED but was PASSED: every objective met")))));
    }

    @Test
    void theTestsOwnFailureIsReportedRatherThanTheVerdict() {
        run("runsLossyWorkerCrashThenBreaks").assertThatEvents().haveExactly(1, event(
                test("runsLossyWorkerCrashThenBreaks"), finishedWithFailure(instanceOf(IllegalStateException.class),
                        message("the system under test broke"),
                        new Condition<>(t -> t.getSuppressed().length == 0, "nothing suppressed"))));
    }

    @Test
    void everyRunWithAnotherVerdictIsNamed() {
        Events events = run("runsLossyWorkerCrashTwice");

        events.assertThatEvents().haveExactly(1, event(test("runsLossyWorkerCrashTwice"), finishedWithFailure(
                message(m -> m.startsWith("2 runs did not come to PASSED:\nlossy-worker-crash: expected PASSED")),
                suppressed(1, instanceOf(AssertionFailedError.class)))))
                .haveExactly(1, event(fileEntry(f -> f.getPath().getFileName().toString()
                        .equals("lossy-worker-crash-2-result.json"))));
    }

    @Test
    void aForgottenAssertAllStillFailsTheTest() {
        run("expectsTheLossyRunToFailButForgetsAssertAll").assertThatEvents().haveExactly(1, event(
                test("expectsTheLossyRunToFailButForgetsAssertAll"),
                finishedWithFailure(instanceOf(MultipleFailuresError.class))));
    }

    @Test
    void aScenarioRunnerIsRefusedOutsideATestMethod() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter(FaultlineExtensionTest.OnlyUnderTestKit.KEY, "true")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                        ExamplesTakingARunnerInBeforeAll.class))
                .execute()
                .containerEvents()
                .assertThatEvents().haveExactly(1, event(finishedWithFailure(
                        instanceOf(ParameterResolutionException.class),
                        message("a ScenarioRunner belongs to one @FaultlineTest method: it cannot be "
                                + "given to static void " + ExamplesTakingARunnerInBeforeAll.class.getName()
                                + ".takesARunner(dev.faultline.junit.ScenarioRunner); take it as a parameter of the "
                                + "test method, or of a @BeforeEach or @AfterEach method"))));
    }

    @Test
    void aLauncherThatWritesNoOutputsStillRunsTheTestAndSaysWhy() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter(FaultlineExtensionTest.OnlyUnderTestKit.KEY, "true")
                .configurationParameter(ScenarioRuns.RUNNER, StandInRun.class.getName())
                .configurationParameter(Faultline.REPORT_DIR_PROPERTY, results.toString())
                .selectors(selectMethod(Examples.class, "runsWorkerCrash", ScenarioRunner.class.getName()))
                .execute()
                .testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("runsWorkerCrash"), finishedSuccessfully()))
                .haveExactly(1, event(reportEntry(Map.of(ScenarioRunner.UNPUBLISHED, "worker-crash-result.json: "
                        + "Writing outputs is disabled by default when using EngineTestKit. To enable, configure a "
                        + "custom OutputDirectoryCreator via EngineTestKit#outputDirectoryCreator."))));
    }

    private static String contentOf(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One output folder per test under {@code root}. */
    private record Outputs(Path root) implements OutputDirectoryCreator {
        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            return Files.createDirectories(root.resolve(descriptor.getUniqueId().getLastSegment().getValue()
                    .replaceAll("[^A-Za-z0-9.-]", "_")));
        }
    }

    /** Example tests, run only by the tests above through the test kit. */
    @ExtendWith(FaultlineExtensionTest.OnlyUnderTestKit.class)
    static class Examples {
        @FaultlineTest
        void runsWorkerCrash(ScenarioRunner faultline) {
            RunResult result = faultline.run(Faultline.load(WORKER_CRASH));
            assertThat(result).passed().assertAll();
        }

        @FaultlineTest
        void runsLossyWorkerCrash(ScenarioRunner faultline) {
            faultline.run(LOSSY);
        }

        @FaultlineTest(expect = Verdict.FAILED)
        void expectsTheLossyRunToFail(ScenarioRunner faultline) {
            faultline.run(LOSSY);
        }

        @FaultlineTest(expect = Verdict.FAILED)
        void expectsWorkerCrashToFail(ScenarioRunner faultline) {
            faultline.run(WORKER_CRASH);
        }

        @FaultlineTest
        void runsLossyWorkerCrashThenBreaks(ScenarioRunner faultline) {
            faultline.run(LOSSY);
            throw new IllegalStateException("the system under test broke");
        }

        @FaultlineTest
        void runsLossyWorkerCrashTwice(ScenarioRunner faultline) {
            faultline.run(LOSSY);
            faultline.run(LOSSY);
        }

        @FaultlineTest(expect = Verdict.FAILED)
        void expectsTheLossyRunToFailButForgetsAssertAll(ScenarioRunner faultline) {
            assertThat(faultline.run(LOSSY)).passed();
        }
    }

    /** A runner asked for where no test method is running, run only through the test kit. */
    @ExtendWith({FaultlineExtensionTest.OnlyUnderTestKit.class, ScenarioRunnerExtension.class})
    static class ExamplesTakingARunnerInBeforeAll {
        @BeforeAll
        static void takesARunner(ScenarioRunner faultline) {
        }

        @Test
        void nothing() {
        }
    }
}
