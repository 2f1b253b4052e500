package dev.faultline.junit;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.spi.Objective;

/**
 * The JUnit Platform test engine {@value #ID} behind {@link FaultlineScenarios}: each annotated class is a container
 * of its scenarios, each scenario a container of its verdict test and (added once it has run) one test per objective
 * check. Registered through {@code META-INF/services/org.junit.platform.engine.TestEngine}, so the JUnit Platform
 * (Surefire, Failsafe, Gradle, IDEs) finds it on the test classpath.
 */
public final class FaultlineTestEngine implements TestEngine {
    /** The engine's id, as in {@code EngineTestKit.engine("faultline")} or Surefire's {@code includeEngines}. */
    public static final String ID = "faultline";
    /** Report entry key: the run's results folder. */
    static final String RESULTS_ENTRY = "faultline.results";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.faultline");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("faultline-api");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "Faultline");
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addClassContainerSelectorResolver(FaultlineTestEngine::isFoundByScanning)
                .addSelectorResolver(context -> new Resolver(context.getClassNameFilter()))
                .build()
                .resolve(request, engine);
        return engine;
    }

    /** Packages and classpath roots give top-level scenario classes only: nested ones run when selected by name. */
    private static boolean isFoundByScanning(Class<?> type) {
        return type.getEnclosingClass() == null && isScenarioClass(type);
    }

    private static boolean isScenarioClass(Class<?> type) {
        return type.isAnnotationPresent(FaultlineScenarios.class) && !Modifier.isAbstract(type.getModifiers())
                && !type.isAnnotation() && !type.isInterface();
    }

    @Override
    public void execute(ExecutionRequest request) {
        EngineExecutionListener listener = request.getEngineExecutionListener();
        TestDescriptor root = request.getRootTestDescriptor();
        listener.executionStarted(root);
        ScenarioRuns runs;
        try {
            runs = ScenarioRuns.configured(request.getConfigurationParameters()::get);
        } catch (RuntimeException e) {
            listener.executionFinished(root, TestExecutionResult.failed(e));
            return;
        }
        new Execution(listener, runs).classes(List.copyOf(root.getChildren()));
        listener.executionFinished(root, TestExecutionResult.successful());
    }

    /** Class selectors (and, through them, package and classpath scans), and unique ids an IDE sends to rerun. */
    private static final class Resolver implements SelectorResolver {
        private final Predicate<String> classNameFilter;

        Resolver(Predicate<String> classNameFilter) {
            this.classNameFilter = classNameFilter;
        }

        @Override
        public Resolution resolve(ClassSelector selector, Context context) {
            Class<?> type = selector.getJavaClass();
            if (!isScenarioClass(type) || !classNameFilter.test(type.getName())) {
                return Resolution.unresolved();
            }
            return context.addToParent(parent -> Optional.of(ScenarioClassDescriptor.load(parent.getUniqueId(), type)))
                    .map(d -> Resolution.match(Match.exact(d, () -> scenarioSelectors(d))))
                    .orElse(Resolution.unresolved());
        }

        @Override
        public Resolution resolve(UniqueIdSelector selector, Context context) {
            List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
            if (segments.size() < 2 || !segments.get(1).getType().equals(ScenarioClassDescriptor.SEGMENT)) {
                return Resolution.unresolved();
            }
            String className = segments.get(1).getValue();
            if (segments.size() == 2) {
                return Resolution.selectors(Set.of(DiscoverySelectors.selectClass(className)));
            }
            if (!segments.get(2).getType().equals(ScenarioDescriptor.SEGMENT)) {
                return Resolution.unresolved();
            }
            if (segments.size() > 3) { // a verdict or an objective check: its scenario runs again
                UniqueId scenario = UniqueId.root(segments.get(0).getType(), segments.get(0).getValue())
                        .append(segments.get(1)).append(segments.get(2));
                return Resolution.selectors(Set.of(DiscoverySelectors.selectUniqueId(scenario)));
            }
            String name = segments.get(2).getValue();
            return context.addToParent(() -> DiscoverySelectors.selectClass(className), parent ->
                            parent instanceof ScenarioClassDescriptor d
                                    ? d.scenarios().stream().filter(s -> s.name().equals(name)).findFirst()
                                    .map(s -> new ScenarioDescriptor(d.getUniqueId(), s))
                                    : Optional.empty())
                    .map(d -> Resolution.match(Match.exact(d)))
                    .orElse(Resolution.unresolved());
        }

        private static Set<DiscoverySelector> scenarioSelectors(ScenarioClassDescriptor d) {
            return d.scenarios().stream()
                    .map(s -> DiscoverySelectors.selectUniqueId(d.getUniqueId().append(ScenarioDescriptor.SEGMENT,
                            s.name())))
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        }
    }

    /** One execution request: the classes, one after the other, each scenario run to the end before the next. */
    private static final class Execution {
        private final EngineExecutionListener listener;
        private final ScenarioRuns runs;

        Execution(EngineExecutionListener listener, ScenarioRuns runs) {
            this.listener = listener;
            this.runs = runs;
        }

        void classes(List<TestDescriptor> classes) {
            for (TestDescriptor child : classes) {
                ScenarioClassDescriptor type = (ScenarioClassDescriptor) child;
                listener.executionStarted(type);
                Optional<RuntimeException> loadFailure = type.loadFailure();
                if (loadFailure.isPresent()) {
                    listener.executionFinished(type, TestExecutionResult.failed(loadFailure.get()));
                    continue;
                }
                for (TestDescriptor scenario : List.copyOf(type.getChildren())) {
                    scenario((ScenarioDescriptor) scenario, type.settings().expect());
                }
                listener.executionFinished(type, TestExecutionResult.successful());
            }
        }

        private void scenario(ScenarioDescriptor scenario, Verdict expected) {
            listener.executionStarted(scenario);
            RunResult result;
            try {
                result = runs.run(scenario.scenario());
            } catch (RuntimeException e) {
                for (TestDescriptor test : List.copyOf(scenario.getChildren())) {
                    listener.executionSkipped(test, "the harness failed to run " + scenario.getDisplayName());
                }
                listener.executionFinished(scenario, TestExecutionResult.failed(e));
                return;
            }
            publish(scenario, result);
            for (TestDescriptor verdict : List.copyOf(scenario.getChildren())) {
                listener.executionStarted(verdict);
                listener.executionFinished(verdict, Verdicts.unexpected(expected, result)
                        .map(TestExecutionResult::failed).orElseGet(TestExecutionResult::successful));
            }
            Map<String, Integer> seen = new HashMap<>();
            for (Objective.Check check : result.checks()) {
                int n = seen.merge(check.name(), 1, Integer::sum);
                ResultTestDescriptor test = new ResultTestDescriptor(scenario.getUniqueId().append(
                        ResultTestDescriptor.CHECK, n == 1 ? check.name() : check.name() + "#" + n), check.name(), check);
                scenario.addChild(test);
                listener.dynamicTestRegistered(test);
                listener.executionStarted(test);
                listener.reportingEntryPublished(test, ReportEntry.from(Map.of("expected", check.expected(),
                        "actual", check.actual())));
                boolean judged = expected == Verdict.PASSED && !check.met();
                listener.executionFinished(test, judged ? TestExecutionResult.failed(Verdicts.violated(check))
                        : TestExecutionResult.successful());
            }
            listener.executionFinished(scenario, TestExecutionResult.successful());
        }

        /** {@code result.json}, {@code report.html} and the run's folder, as the run left them. */
        private void publish(ScenarioDescriptor scenario, RunResult result) {
            Path dir = result.reportDir().toAbsolutePath().normalize();
            publishFile(scenario, dir.resolve("result.json"), "application/json");
            publishFile(scenario, dir.resolve("report.html"), "text/html");
            if (Files.isDirectory(dir)) {
                listener.fileEntryPublished(scenario, FileEntry.from(dir, null));
            }
            listener.reportingEntryPublished(scenario, ReportEntry.from(RESULTS_ENTRY, dir.toString()));
        }

        private void publishFile(ScenarioDescriptor scenario, Path file, String mediaType) {
            if (Files.isRegularFile(file)) {
                listener.fileEntryPublished(scenario, FileEntry.from(file, mediaType));
            }
        }
    }
}
