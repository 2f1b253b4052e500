package dev.faultline.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.dynamicTestRegistered;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.fileEntry;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.reportEntry;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

import dev.faultline.Faultline;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.yaml.InvalidScenarioException;

class FaultlineTestEngineTest {
    private static final String LOST_THREE = "integrity.lost expected <= 0 but was 3";

    @TempDir
    Path results;

    private EngineExecutionResults run(DiscoverySelector selector, Filter<?>... filters) {
        return run(StandInRun.class, selector, filters);
    }

    private EngineExecutionResults run(Class<?> runner, DiscoverySelector selector, Filter<?>... filters) {
        return EngineTestKit.engine(FaultlineTestEngine.ID)
                .configurationParameter(ScenarioRuns.RUNNER, runner.getName())
                .configurationParameter(Faultline.REPORT_DIR_PROPERTY, results.toString())
                .selectors(selector)
                .filters(filters)
                .execute();
    }

    private List<String> ran() throws IOException {
        try (Stream<Path> runs = Files.list(results)) {
            return runs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPassingScenarioPassesItsVerdictAndEveryObjectiveCheck() {
        EngineExecutionResults run = run(selectClass(PassingScenarios.class));

        run.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(displayName("PassingScenarios")), finishedSuccessfully()))
                .haveExactly(1, event(container(displayName("worker-crash")), finishedSuccessfully()));
        run.testEvents().assertStatistics(stats -> stats.dynamicallyRegistered(2).started(3).succeeded(3).failed(0));
        run.testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("verdict")), finishedSuccessfully()))
                .haveExactly(1, event(dynamicTestRegistered("recovery.within")))
                .haveExactly(1, event(dynamicTestRegistered("integrity.lost")));
    }

    @Test
    void theScenarioContainerComesFromItsFile() {
        EngineExecutionResults run = run(selectClass(PassingScenarios.class));

        Event scenario = run.containerEvents().started().filter(e -> e.getTestDescriptor().getDisplayName()
                .equals("worker-crash")).findFirst().orElseThrow();
        assertThat(scenario.getTestDescriptor().getSource()).contains(FileSource.from(
                new File("../scenarios/worker-crash.yaml").getAbsoluteFile().toPath().normalize().toFile()));
    }

    @Test
    void aRunPublishesItsResultFileReportAndFolder() {
        EngineExecutionResults run = run(selectClass(PassingScenarios.class));

        Path folder = results.resolve("worker-crash").toAbsolutePath();
        run.allEvents().fileEntryPublished().assertThatEvents()
                .haveExactly(1, event(container(displayName("worker-crash")), fileEntry(f -> f.getPath()
                        .equals(folder.resolve("result.json")) && f.getMediaType().orElseThrow()
                        .equals("application/json"))))
                .haveExactly(1, event(fileEntry(f -> f.getPath().equals(folder.resolve("report.html"))
                        && f.getMediaType().orElseThrow().equals("text/html"))))
                .haveExactly(1, event(fileEntry(f -> f.getPath().equals(folder) && f.getMediaType().isEmpty())))
                .hasSize(3);
        run.allEvents().reportingEntryPublished().assertThatEvents().haveExactly(1, event(
                container(displayName("worker-crash")), reportEntry(Map.of("faultline.results", folder.toString()))));
    }

    @Test
    void aFailedScenarioFailsItsVerdictAndExactlyTheViolatedCheckNamingTheObjective() {
        EngineExecutionResults run = run(selectClass(LossyScenarios.class));

        run.testEvents().assertStatistics(stats -> stats.started(6).succeeded(4).failed(2));
        run.testEvents().failed().assertThatEvents()
                .haveExactly(1, event(uniqueIdSubstring("lossy-worker-crash"), test(displayName("verdict")),
                        finishedWithFailure(instanceOf(AssertionFailedError.class), message(
                                "lossy-worker-crash: expected PASSED but was FAILED: " + LOST_THREE + " (results: "
                                        + results.resolve("lossy-worker-crash") + ")"))))
                .haveExactly(1, event(uniqueIdSubstring("lossy-worker-crash"), test(displayName("integrity.lost")),
                        finishedWithFailure(instanceOf(AssertionFailedError.class), message(LOST_THREE))));
    }

    @Test
    void anInvalidFileFailsTheClassWithTheLoadersMessageAndNothingRuns() throws IOException {
        EngineExecutionResults run = run(selectClass(InvalidScenarios.class));

        run.containerEvents().assertThatEvents().haveExactly(1, event(container(displayName("InvalidScenarios")),
                finishedWithFailure(instanceOf(InvalidScenarioException.class), message(
                        "src/test/resources/junit/bad-signal.yaml:20:21 faults[0].with.signal: expected one of kill, "
                                + "term but was 'HALT'"))));
        run.containerEvents().started().assertThatEvents().noneMatch(e -> e.getTestDescriptor()
                .getDisplayName().equals("worker-crash"));
        run.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(ran()).isEmpty();
    }

    @Test
    void expectFailedPassesAScenarioThatFails() {
        EngineExecutionResults run = run(selectClass(KnownWeakness.class));

        run.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
        run.testEvents().assertThatEvents().haveExactly(1, event(test(displayName("integrity.lost")),
                reportEntry(Map.of("expected", "<= 0", "actual", "3"))));
    }

    @Test
    void expectFailedFailsAScenarioThatPasses() {
        EngineExecutionResults run = run(selectClass(NoWeakness.class));

        run.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        run.testEvents().assertThatEvents().haveExactly(1, event(test(displayName("verdict")), finishedWithFailure(
                message(m -> m.startsWith("worker-crash: expected FAILED but was PASSED: every objective met")))));
    }

    @Test
    void aClassNameFilterLeavesOutASelectedClass() throws IOException {
        EngineExecutionResults run = run(selectClass(PassingScenarios.class),
                ClassNameFilter.excludeClassNamePatterns(".*Passing.*"));

        run.containerEvents().assertStatistics(stats -> stats.started(1)); // the engine alone
        assertThat(ran()).isEmpty();
    }

    @Test
    void aFilterThatLeavesOutAVerdictTestLeavesOutItsScenario() throws IOException {
        PostDiscoveryFilter notLossy = d -> FilterResult.includedIf(!d.getUniqueId().toString()
                .contains("[scenario:lossy-worker-crash]/[verdict:"));

        run(selectClass(LossyScenarios.class), notLossy).testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(3));
        assertThat(ran()).containsExactly("worker-crash");
    }

    @Test
    void aPackageScanFindsTopLevelScenarioClassesOnly() {
        EngineExecutionResults run = run(selectPackage(getClass().getPackageName()));

        assertThat(ranClasses(run)).containsExactly(WorkerCrashScenarioTest.class.getName());
    }

    @Test
    void aClasspathRootScanAppliesClassNameFilters() throws URISyntaxException {
        Path testClasses = Path.of(WorkerCrashScenarioTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());

        assertThat(ranClasses(run(selectClasspathRoots(java.util.Set.of(testClasses)).get(0))))
                .containsExactly(WorkerCrashScenarioTest.class.getName());
        assertThat(ranClasses(run(selectClasspathRoots(java.util.Set.of(testClasses)).get(0),
                ClassNameFilter.excludeClassNamePatterns(".*WorkerCrash.*")))).isEmpty();
    }

    @Test
    void aUniqueIdRunsThatScenarioAlone() throws IOException {
        EngineExecutionResults run = run(selectUniqueId("[engine:faultline]/[class:" + LossyScenarios.class.getName()
                + "]/[scenario:lossy-worker-crash]"));

        run.testEvents().assertStatistics(stats -> stats.started(3).failed(2));
        assertThat(ran()).containsExactly("lossy-worker-crash");
    }

    @Test
    void aHarnessFailureFailsTheScenarioAndSkipsItsVerdict() {
        EngineExecutionResults run = run(BrokenRun.class, selectClass(PassingScenarios.class));

        run.containerEvents().assertThatEvents().haveExactly(1, event(container(displayName("worker-crash")),
                finishedWithFailure(instanceOf(IllegalStateException.class), message("no Docker engine"))));
        run.testEvents().assertThatEvents().haveExactly(1, event(test(displayName("verdict")),
                skippedWithReason("the harness failed to run worker-crash")));
    }

    @Test
    void aRunnerThatIsNoRunnerFailsTheEngineSaySo() {
        EngineExecutionResults run = run(String.class, selectClass(PassingScenarios.class));

        run.containerEvents().assertThatEvents().haveExactly(1, event(container("faultline"), finishedWithFailure(
                message(m -> m.startsWith("faultline.junit.runner must name a class with a no-argument constructor "
                        + "implementing BiFunction<Scenario, RunOptions, RunResult>, but was 'java.lang.String'")))));
    }

    private static List<String> ranClasses(EngineExecutionResults run) {
        return run.containerEvents().started().map(e -> e.getTestDescriptor().getSource())
                .flatMap(java.util.Optional::stream).filter(ClassSource.class::isInstance)
                .map(s -> ((ClassSource) s).getClassName()).toList();
    }

    @FaultlineScenarios("../scenarios/worker-crash.yaml")
    static class PassingScenarios {
    }

    @FaultlineScenarios({"../scenarios/worker-crash.yaml", "src/test/resources/junit/lossy-worker-crash.yaml"})
    static class LossyScenarios {
    }

    @FaultlineScenarios({"../scenarios/worker-crash.yaml", "src/test/resources/junit/bad-signal.yaml"})
    static class InvalidScenarios {
    }

    @FaultlineScenarios(value = "src/test/resources/junit/lossy-worker-crash.yaml", expect = Verdict.FAILED)
    static class KnownWeakness {
    }

    @FaultlineScenarios(value = "../scenarios/worker-crash.yaml", expect = Verdict.FAILED)
    static class NoWeakness {
    }

    /** A runner that cannot reach Docker. */
    static final class BrokenRun implements BiFunction<Scenario, RunOptions, RunResult> {
        @Override
        public RunResult apply(Scenario scenario, RunOptions options) {
            throw new IllegalStateException("no Docker engine");
        }
    }
}
