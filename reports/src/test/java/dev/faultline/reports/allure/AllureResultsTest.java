package dev.faultline.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.reports.saved.SavedRun;

class AllureResultsTest {
    static final Path RUNS = Path.of("src/test/resources/runs");
    /** Reads Allure's result files back into its own model, as a consumer would. */
    static final ObjectMapper ALLURE = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true).build();

    @TempDir
    Path results;

    @Test
    void eachRunIsOneTestNamedAfterItsScenarioWithTheVerdictAsStatus() throws IOException {
        // given the two saved runs, when written
        Map<String, TestResult> tests = written(saved("worker-crash"), saved("worker-crash-unsafe"));

        // then
        assertThat(tests.values()).extracting(TestResult::getName, TestResult::getFullName, TestResult::getHistoryId,
                TestResult::getStatus).containsExactlyInAnyOrder(
                tuple("worker-crash", "faultline:worker-crash", "faultline:worker-crash", Status.PASSED),
                tuple("worker-crash-unsafe", "faultline:worker-crash-unsafe", "faultline:worker-crash-unsafe",
                        Status.FAILED));
        assertThat(tests.get("worker-crash-unsafe").getStatusDetails().getMessage())
                .isEqualTo("integrity.lost expected <= 0 but was 7; integrity.rpo expected <= 0s but was 643ms");
    }

    @Test
    void aTestLastsAsLongAsItsRun() throws IOException {
        TestResult test = written(saved("worker-crash")).get("worker-crash");

        assertThat(List.of(test.getStart(), test.getStop())).containsExactly(
                Instant.parse("2026-12-02T00:17:45.896446345Z").toEpochMilli(),
                Instant.parse("2026-12-02T00:18:33.792927883Z").toEpochMilli());
    }

    @Test
    void eachPhaseIsAStepFromItsStartToTheNextPhase() throws IOException {
        // given a run whose timeline entered seven phases
        long started = Instant.parse("2026-12-02T00:17:45.896446345Z").toEpochMilli();

        // when
        List<StepResult> phases = steps(written(saved("worker-crash")).get("worker-crash"), "phase ");

        // then
        assertThat(phases).extracting(StepResult::getName, StepResult::getStart, StepResult::getStop)
                .containsExactly(tuple("phase starting", started + 18, started + 9331),
                        tuple("phase steady-state", started + 9331, started + 12769),
                        tuple("phase load", started + 12769, started + 42781),
                        tuple("phase drain", started + 42781, started + 43302),
                        tuple("phase recovery", started + 43302, started + 46414),
                        tuple("phase state", started + 46414, started + 46451),
                        tuple("phase stopping", started + 46451,
                                Instant.parse("2026-12-02T00:18:33.792927883Z").toEpochMilli()));
    }

    @Test
    void aFaultIsAStepWithItsInjectVerifyAndRevertInOrder() throws IOException {
        long started = Instant.parse("2026-12-02T00:17:45.896446345Z").toEpochMilli();

        StepResult fault = steps(written(saved("worker-crash")).get("worker-crash"), "fault ").get(0);

        assertThat(List.of(fault.getName(), fault.getStatus(), fault.getStart(), fault.getStop())).containsExactly(
                "fault kill-worker (agent-crash on worker[0])", Status.PASSED, started + 22770, started + 42781);
        assertThat(fault.getSteps()).extracting(StepResult::getName, StepResult::getStatus).containsExactly(
                tuple("inject: agent-crash [worker-0] signal=KILL", Status.PASSED),
                tuple("verify: process of [worker-0] ended", Status.PASSED),
                tuple("revert", Status.PASSED));
    }

    @Test
    void aFaultStepCarriesItsTimeToDetectRecoveryAndOutage() throws IOException {
        // given a run saved before bounds were kept
        StepResult fault = steps(written(saved("worker-crash-unsafe")).get("worker-crash-unsafe"), "fault ").get(0);

        assertThat(fault.getParameters()).extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly("time to detect=64ms", "recovery=3.12s", "outage=3.06s");
    }

    @Test
    void aFaultStepsFiguresCarryTheirBounds() throws IOException {
        // given the run's fault saved with bounds: 64ms ± 5ms to detect, 3.12s ± 12ms to recover
        SavedRun run = saved("worker-crash-unsafe");
        ObjectNode result = run.result().deepCopy();
        ((ObjectNode) result.get("faults").get(0)).put("timeToDetectBoundMs", 5).put("recoveryBoundMs", 12)
                .put("outageBoundMs", 17);
        SavedRun bounded = new SavedRun(run.dir(), result, run.timeline(), 0, run.ledger());

        StepResult fault = steps(written(bounded).get("worker-crash-unsafe"), "fault ").get(0);

        assertThat(fault.getParameters()).extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly("time to detect=64ms \u00b1 5ms", "recovery=3.12s \u00b1 12ms",
                        "outage=3.06s \u00b1 17ms");
    }

    @Test
    void aFaultThatWasNotTakenFailsItsStepWithTheReason() throws IOException {
        // given the run with its verification replaced by a failure
        SavedRun run = withFaultChanges(saved("worker-crash"), FaultState.VERIFIED,
                FaultState.FAILED, "process of [worker-0] still running after 5s");

        // when
        StepResult fault = steps(written(run).get("worker-crash"), "fault ").get(0);

        // then
        assertThat(fault.getStatus()).isEqualTo(Status.FAILED);
        assertThat(fault.getSteps()).extracting(StepResult::getName, StepResult::getStatus,
                s -> s.getStatusDetails() == null ? null : s.getStatusDetails().getMessage()).containsExactly(
                tuple("inject: agent-crash [worker-0] signal=KILL", Status.PASSED, null),
                tuple("verify: process of [worker-0] still running after 5s", Status.FAILED,
                        "failed: process of [worker-0] still running after 5s"),
                tuple("revert", Status.PASSED, null));
    }

    @Test
    void aFailedRevertBreaksTheFaultStep() throws IOException {
        SavedRun run = withFaultChanges(saved("worker-crash"), FaultState.REVERTED,
                FaultState.REVERT_FAILED, "worker-0: no such container");

        StepResult fault = steps(written(run).get("worker-crash"), "fault ").get(0);

        assertThat(List.of(fault.getStatus(), fault.getSteps().get(2).getStatus(),
                fault.getSteps().get(2).getStatusDetails().getMessage())).containsExactly(Status.BROKEN,
                Status.BROKEN, "revert-failed: worker-0: no such container");
    }

    @Test
    void eachObjectiveCheckIsAStepThatFailsWhenNotMet() throws IOException {
        List<StepResult> checks = steps(written(saved("worker-crash-unsafe")).get("worker-crash-unsafe"),
                "objective ");

        assertThat(checks).extracting(StepResult::getName, StepResult::getStatus).containsExactly(
                tuple("objective recovery[kill-worker]: expected <= 15s, actual 3.12s", Status.PASSED),
                tuple("objective integrity.lost: expected <= 0, actual 7", Status.FAILED),
                tuple("objective integrity.duplicated: expected <= 0, actual 0", Status.PASSED),
                tuple("objective integrity.rpo: expected <= 0s, actual 643ms", Status.FAILED),
                tuple("objective integrity.state[orchestrator]: expected as the ledger implies: accepted 600,"
                        + " completed 593, completions 593, pending 0, actual accepted 600, completed 593,"
                        + " completions 593, pending 0, queued 0", Status.PASSED),
                tuple("objective integrity.state[worker]: expected as the ledger implies: pending 0,"
                        + " actual pending 0", Status.PASSED),
                tuple("objective containment.may-degrade: expected nothing degraded beyond worker and the fault"
                        + " targets (worker), actual degraded: worker", Status.PASSED),
                tuple("objective containment.must-stay-healthy: expected not degraded: orchestrator,"
                        + " actual none of them degraded", Status.PASSED));
        assertThat(checks.get(1).getStatusDetails()).extracting(d -> d.getExpected(), d -> d.getActual())
                .containsExactly("<= 0", "7");
    }

    @Test
    void stepsComePhasesFirstThenFaultsThenObjectives() throws IOException {
        TestResult test = written(saved("worker-crash")).get("worker-crash");

        assertThat(test.getSteps().stream().map(s -> s.getName().substring(0, s.getName().indexOf(' ')))
                .collect(Collectors.joining(" "))).isEqualTo("phase ".repeat(7) + "fault" + " objective".repeat(13));
    }

    @Test
    void resultJsonAndTheLogsOfTheDegradedServicesInstancesAreAttached() throws IOException {
        // given a run that degraded the worker service (instances worker-0 and worker-1)
        TestResult test = written(saved("worker-crash-unsafe")).get("worker-crash-unsafe");

        // then
        assertThat(test.getAttachments()).extracting(Attachment::getName, Attachment::getType).containsExactly(
                tuple("result.json", "application/json"), tuple("log worker-0", "text/plain"),
                tuple("log worker-1", "text/plain"));
        assertThat(results.resolve(test.getAttachments().get(1).getSource()))
                .hasSameBinaryContentAs(RUNS.resolve("worker-crash-unsafe/logs/worker-0.log"));
    }

    @Test
    void theTimelineChartIsAttachedWhenTheRunHasOne(@TempDir Path copy) throws IOException {
        // given a run's folder with its report.html
        Path dir = copy.resolve("worker-crash");
        Files.createDirectories(dir);
        Files.copy(RUNS.resolve("worker-crash/result.json"), dir.resolve("result.json"));
        Files.writeString(dir.resolve("report.html"), "<!doctype html><title>chart</title>");

        // when
        TestResult test = written(SavedRun.read(dir)).get("worker-crash");

        // then
        Attachment chart = test.getAttachments().get(0);
        assertThat(List.of(chart.getName(), chart.getType())).containsExactly("timeline chart (report.html)",
                "text/html");
        assertThat(results.resolve(chart.getSource())).hasContent("<!doctype html><title>chart</title>");
    }

    @Test
    void labelsNameTheSuiteFaultTypesScenarioVerdictAndTopology() throws IOException {
        TestResult test = written(saved("worker-crash-unsafe")).get("worker-crash-unsafe");

        assertThat(test.getLabels()).extracting(Label::getName, Label::getValue).containsExactly(
                tuple("suite", "faultline"), tuple("feature", "agent-crash"), tuple("tag", "agent-crash"),
                tuple("scenario", "worker-crash-unsafe"), tuple("verdict", "FAILED"),
                tuple("topology", "support-desk-unsafe"));
        assertThat(test.getParameters()).extracting(p -> p.getName() + "=" + p.getValue() + " " + p.getExcluded())
                .containsExactly("seed=7 null", "run=worker-crash-unsafe-mx5do0r82i true");
    }

    @Test
    void abortedAndErrorRunsAreBroken() throws IOException {
        Map<String, TestResult> tests = written(withVerdict(saved("worker-crash"), "ABORTED"),
                withVerdict(saved("worker-crash-unsafe"), "ERROR"));

        assertThat(tests.values()).extracting(TestResult::getStatus).containsExactly(Status.BROKEN, Status.BROKEN);
    }

    @Test
    void writingAgainReplacesTheEarlierResults() throws IOException {
        // given results written once, and a file of someone else's in the folder
        AllureResults.write(List.of(saved("worker-crash"), saved("worker-crash-unsafe")), results);
        Files.writeString(results.resolve("executor.json"), "{}");

        // when written again with one run
        AllureResults.write(List.of(saved("worker-crash")), results);

        // then
        try (var files = Files.list(results)) {
            assertThat(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith("-result.json") || f.contains("-attachment") || f.equals("executor.json")))
                    .hasSize(1 + 3 + 1); // one test, its result.json and two logs, executor.json
        }
    }

    private Map<String, TestResult> written(SavedRun... runs) throws IOException {
        AllureResults.write(List.of(runs), results);
        return readTests(results);
    }

    /** Every {@code *-result.json} in {@code dir}, by test name. */
    static Map<String, TestResult> readTests(Path dir) throws IOException {
        List<TestResult> tests = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                tests.add(ALLURE.readValue(f.toFile(), TestResult.class));
            }
        }
        return tests.stream().collect(Collectors.toMap(TestResult::getName, t -> t, (a, b) -> {
            throw new AssertionError("two tests named " + a.getName());
        }, java.util.LinkedHashMap::new));
    }

    static List<StepResult> steps(TestResult test, String prefix) {
        return test.getSteps().stream().filter(s -> s.getName().startsWith(prefix)).toList();
    }

    static SavedRun saved(String name) throws IOException {
        return SavedRun.read(RUNS.resolve(name));
    }

    /** {@code run} with each fault change {@code from} replaced by {@code to} with {@code detail}. */
    private static SavedRun withFaultChanges(SavedRun run, FaultState from, FaultState to, String detail) {
        List<TimelineEvent> timeline = run.timeline().stream()
                .map(e -> e instanceof TimelineEvent.FaultChange c && c.change() == from
                        ? new TimelineEvent.FaultChange(c.t(), c.fault(), to, detail) : e).toList();
        return new SavedRun(run.dir(), run.result(), timeline, 0, run.ledger());
    }

    private static SavedRun withVerdict(SavedRun run, String verdict) {
        ObjectNode result = run.result().deepCopy();
        result.put("verdict", verdict);
        return new SavedRun(run.dir(), result, run.timeline(), 0, run.ledger());
    }
}
