package dev.faultline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.Timeline;

/**
 * A scenario run inside a JUnit 5 test that allure-junit5 tracks describes itself to that test. The example test
 * runs through the JUnit Platform launcher with allure-junit5's listener writing into a folder of this test's own;
 * the run is a saved one (reports' fixture worker-crash-unsafe, FAILED), so nothing is started.
 */
class AllureUnderJUnitTest {
    static final Path RUNS = Path.of(System.getProperty("faultline.root", ".."))
            .resolve("reports/src/test/resources/runs");
    private static final ObjectMapper ALLURE = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true).build();

    @TempDir
    Path allureResults;
    private AllureLifecycle lifecycle;
    private AllureLifecycle original;

    @BeforeEach
    void allureWritesIntoItsOwnFolder() {
        original = Allure.getLifecycle();
        lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allureResults));
        Allure.setLifecycle(lifecycle);
    }

    @AfterEach
    void restoreAllure() {
        Allure.setLifecycle(original);
    }

    @Test
    void theRunsStepsAttachmentsAndLabelsAreAddedToTheTestItRanIn() throws IOException {
        // when the example test runs the saved scenario under allure-junit5
        TestResult test = runExample("runsTheScenario");

        // then the test keeps its own outcome, and holds the run's steps, attachments and labels
        assertThat(test.getStatus()).isEqualTo(Status.PASSED);
        assertThat(test.getSteps()).extracting(StepResult::getName).startsWith("phase starting", "phase steady-state",
                "phase load", "phase drain", "phase recovery", "phase state", "phase stopping",
                "fault kill-worker (agent-crash on worker[0])",
                "objective recovery[kill-worker]: expected <= 15s, actual 3.12s");
        assertThat(test.getSteps().get(7).getSteps()).extracting(StepResult::getName).containsExactly(
                "inject: agent-crash [worker-0] signal=KILL", "verify: process of [worker-0] ended", "revert");
        assertThat(test.getSteps()).filteredOn(s -> s.getStatus() == Status.FAILED).extracting(StepResult::getName)
                .containsExactly("objective integrity.lost: expected <= 0, actual 7",
                        "objective integrity.rpo: expected <= 0s, actual 643ms");
        assertThat(test.getAttachments()).extracting(Attachment::getName)
                .containsExactly("result.json", "log worker-0", "log worker-1");
        assertThat(test.getAttachments()).allSatisfy(a -> assertThat(allureResults.resolve(a.getSource())).exists());
        assertThat(test.getLabels()).extracting(Label::getName, Label::getValue).contains(
                tuple("feature", "agent-crash"), tuple("tag", "agent-crash"),
                tuple("scenario", "worker-crash-unsafe"), tuple("verdict", "FAILED"),
                tuple("topology", "support-desk-unsafe"));
    }

    @Test
    void theTestKeepsItsOwnSuiteAndName() throws IOException {
        TestResult test = runExample("runsTheScenario");

        assertThat(test.getName()).isEqualTo("runsTheScenario(Path)");
        assertThat(test.getLabels()).filteredOn(l -> l.getName().equals("suite")).extracting(Label::getValue)
                .containsExactly(Examples.class.getCanonicalName());
    }

    @Test
    void outsideAnAllureTestARunAddsNothingAndReturnsItsResult() throws IOException {
        // given no Allure test on this thread
        RunResult saved = savedRun(RUNS.resolve("worker-crash-unsafe"));

        // when
        RunResult result = Faultline.run(saved.record().scenario(), Faultline.options(), (s, o) -> saved);

        // then
        assertThat(result).isSameAs(saved);
        try (var files = Files.list(allureResults)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    /** Runs one example method through the launcher with allure-junit5's listener; its one Allure test result. */
    private TestResult runExample(String method) throws IOException {
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                        .addTestExecutionListeners(new AllureJunitPlatform(lifecycle)).build())
                .execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectMethod(Examples.class, method, Path.class.getName()))
                        .configurationParameter(SavedRunExample.KEY, RUNS.resolve("worker-crash-unsafe").toString())
                        .build());
        List<TestResult> tests = new ArrayList<>();
        try (var files = Files.list(allureResults)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                tests.add(ALLURE.readValue(f.toFile(), TestResult.class));
            }
        }
        assertThat(tests).as("Allure test results").hasSize(1);
        return tests.get(0);
    }

    /** A hand-made result of a run whose folder is {@code runDir} (nothing was started). */
    static RunResult savedRun(Path runDir) {
        Scenario scenario = Faultline.load(Path.of(System.getProperty("faultline.root", ".."))
                .resolve("scenarios/worker-crash.yaml"));
        RunRecord record = new RunRecord(scenario, "worker-crash-example", Instant.EPOCH, new Timeline(),
                new Ledger(), List.of(), Map.of(), -1, -1, -1);
        return new RunResult(record, Measurements.of(record, Duration.ofSeconds(3)), List.of(), Verdict.FAILED,
                "integrity.lost expected <= 0 but was 7", Instant.EPOCH, runDir);
    }

    /** The example, run only through the launcher above (it needs the saved run's folder as a parameter). */
    @ExtendWith(SavedRunExample.class)
    static class Examples {
        @Test
        void runsTheScenario(Path runDir) {
            RunResult saved = savedRun(runDir);
            Faultline.run(saved.record().scenario(), Faultline.options(), (s, o) -> saved);
        }
    }

    /** Enables the example only when the launcher above passes the saved run's folder, and hands that folder in. */
    static final class SavedRunExample implements ExecutionCondition, ParameterResolver {
        static final String KEY = "faultline.allure-example.run";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent()
                    ? ConditionEvaluationResult.enabled("run by AllureUnderJUnitTest")
                    : ConditionEvaluationResult.disabled("an example that AllureUnderJUnitTest runs");
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Path.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return Path.of(context.getConfigurationParameter(KEY).orElseThrow());
        }
    }
}
