package dev.faultline.reports.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.reports.saved.SavedCheck;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedRun;

/**
 * One saved run as Allure sees it: the one mapping from a {@link SavedRun} to Allure's model, used both for the
 * CLI's {@code allure-results/} (a test of its own per scenario, {@link #testResult}) and for the JUnit 5 test a
 * scenario ran in (its steps, attachments and labels added to that test). Times are epoch milliseconds: the run's
 * {@code startedAt} plus the timeline's {@code t}.
 * <ul>
 * <li>steps: one per run phase (to the next phase; the last to {@code finishedAt}), then one per fault with a
 * sub-step per change of its state (inject, verify, act again, revert; a {@code failed} change fails the step, a
 * {@code revert-failed} one breaks it) and its time to detect, recovery and outage as parameters, each with its bound
 * ({@code 2.55s ± 40ms}) when saved with one, then one per objective check (passed or failed, expected and
 * actual);</li>
 * <li>labels: {@code feature} and {@code tag} per fault type, {@code scenario}, {@code verdict}, {@code topology}
 * (and {@code suite} = {@value #SUITE} on the CLI's own tests);</li>
 * <li>parameters: {@code seed}, and {@code run} (the run id, left out of Allure's history id);</li>
 * <li>attachments ({@link #attachments}): {@code report.html} when written, {@code result.json}, and the log of
 * every instance of each degraded service.</li>
 * </ul>
 * Verdict to status: PASSED passed, FAILED failed, ERROR broken, and ABORTED broken too: an aborted run (a halt, a
 * cancel, a steady state that never held) was not judged, and Allure's "skipped" would hide a run that fails the
 * build (exit 3) among the tests nobody needs to look at.
 */
public final class AllureRun {
    /** The {@code suite} label of the CLI's tests. */
    public static final String SUITE = "faultline";

    private final SavedRun run;
    private final long startMs;
    private final long stopMs;

    private AllureRun(SavedRun run, long startMs, long stopMs) {
        this.run = run;
        this.startMs = startMs;
        this.stopMs = stopMs;
    }

    public static AllureRun of(SavedRun run) {
        long start = startMillis(run);
        return new AllureRun(run, start, start + Math.max(0, run.durationMs()));
    }

    /** A file of the run's folder to attach, as Allure names and types it. */
    public record AttachmentFile(String name, String type, String extension, Path file) {
    }

    public SavedRun run() {
        return run;
    }

    /** The scenario's stable identity: the same for every run of it, so Allure keeps its history. */
    public String fullName() {
        return SUITE + ":" + run.scenario();
    }

    /** The Allure status of the run's verdict (see the class comment for ABORTED). */
    public Status status() {
        return switch (run.verdict()) {
            case PASSED -> Status.PASSED;
            case FAILED -> Status.FAILED;
            case ERROR, ABORTED -> Status.BROKEN;
        };
    }

    /**
     * The run as a test of its own, {@code uuid}, for {@code allure-results/}: name, identity, status, times,
     * labels, parameters and steps. Attachments are added by whoever writes their files.
     */
    public TestResult testResult(String uuid) {
        TestResult test = new TestResult().setUuid(uuid).setName(run.scenario()).setFullName(fullName())
                .setHistoryId(fullName()).setTestCaseId(fullName()).setTestCaseName(run.scenario())
                .setStatus(status()).setStage(Stage.FINISHED).setStart(startMs).setStop(stopMs)
                .setDescription(run.description().isEmpty() ? null : run.description());
        if (run.verdict() != Verdict.PASSED) {
            test.setStatusDetails(new StatusDetails().setMessage(run.reason()));
        }
        test.getLabels().add(label("suite", SUITE));
        test.getLabels().addAll(labels());
        test.getParameters().addAll(parameters());
        test.getSteps().addAll(steps());
        return test;
    }

    /** The labels a test gets from the run, {@code suite} aside (a JUnit test has its own). */
    public List<Label> labels() {
        List<Label> labels = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        run.faults().forEach(f -> types.add(f.type()));
        types.forEach(t -> labels.add(label("feature", t)));
        types.forEach(t -> labels.add(label("tag", t)));
        labels.add(label("scenario", run.scenario()));
        labels.add(label("verdict", run.verdict().name()));
        if (!run.topology().isEmpty()) {
            labels.add(label("topology", run.topology()));
        }
        return labels;
    }

    /** {@code seed}, and {@code run} (different every run, so left out of the history id). */
    public List<Parameter> parameters() {
        return List.of(new Parameter().setName("seed").setValue(Long.toString(run.seed())),
                new Parameter().setName("run").setValue(run.runId()).setExcluded(true));
    }

    /** The phases, then the faults, then the objective checks. */
    public List<StepResult> steps() {
        List<StepResult> steps = new ArrayList<>(phaseSteps());
        run.faults().forEach(f -> steps.add(faultStep(f)));
        run.checks().forEach(c -> steps.add(checkStep(c)));
        return steps;
    }

    /**
     * The files to attach, those present: {@code report.html} (the timeline chart), {@code result.json}, then
     * {@code logs/<instance>.log} of each instance of each service {@code result.json} lists as degraded.
     */
    public List<AttachmentFile> attachments() {
        List<AttachmentFile> files = new ArrayList<>();
        Path chart = run.dir().resolve("report.html");
        if (Files.isRegularFile(chart)) {
            files.add(new AttachmentFile("timeline chart (report.html)", "text/html", ".html", chart));
        }
        files.add(new AttachmentFile(SavedRun.RESULT, "application/json", ".json", run.dir().resolve(SavedRun.RESULT)));
        for (String service : degraded()) {
            for (String instance : run.instances().getOrDefault(service, List.of())) {
                Path log = run.dir().resolve("logs").resolve(instance + ".log");
                if (Files.isRegularFile(log)) {
                    files.add(new AttachmentFile("log " + instance, "text/plain", ".txt", log));
                }
            }
        }
        return files;
    }

    /** The services {@code result.json}'s {@code containment.degraded} names. */
    List<String> degraded() {
        List<String> services = new ArrayList<>();
        run.result().path("containment").path("degraded").forEach(s -> services.add(s.asText()));
        return services;
    }

    private List<StepResult> phaseSteps() {
        List<TimelineEvent.Phase> phases = run.timeline().stream()
                .filter(TimelineEvent.Phase.class::isInstance).map(TimelineEvent.Phase.class::cast)
                .sorted(Comparator.comparingLong(TimelineEvent.Phase::t)).toList();
        List<StepResult> steps = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            long start = at(phases.get(i).t());
            long stop = i + 1 < phases.size() ? at(phases.get(i + 1).t()) : Math.max(start, stopMs);
            steps.add(step("phase " + phases.get(i).phase().wire(), Status.PASSED, start, stop));
        }
        return steps;
    }

    private StepResult faultStep(SavedFault fault) {
        List<TimelineEvent.FaultChange> changes = run.timeline().stream()
                .filter(TimelineEvent.FaultChange.class::isInstance).map(TimelineEvent.FaultChange.class::cast)
                .filter(c -> c.fault().equals(fault.name()))
                .sorted(Comparator.comparingLong(TimelineEvent.FaultChange::t)).toList();
        String name = "fault " + fault.name() + " (" + fault.type() + " on " + fault.target() + ")";
        if (changes.isEmpty()) {
            StepResult never = step(name, Status.SKIPPED, stopMs, stopMs);
            never.setStatusDetails(new StatusDetails().setMessage(fault.error() != null ? fault.error()
                    : "never injected"));
            return never;
        }
        List<StepResult> subSteps = new ArrayList<>();
        boolean injected = false;
        for (TimelineEvent.FaultChange c : changes) {
            subSteps.add(changeStep(c, injected));
            injected |= c.change() == FaultState.INJECTED;
        }
        Status status = subSteps.stream().map(StepResult::getStatus).anyMatch(Status.FAILED::equals) ? Status.FAILED
                : subSteps.stream().map(StepResult::getStatus).anyMatch(Status.BROKEN::equals) ? Status.BROKEN
                : fault.error() != null ? Status.BROKEN : Status.PASSED;
        StepResult step = step(name, status, at(changes.get(0).t()), at(changes.get(changes.size() - 1).t()));
        if (fault.error() != null) {
            step.setStatusDetails(new StatusDetails().setMessage(fault.error()));
        }
        step.getParameters().add(new Parameter().setName("time to detect").setValue(figure(fault.timeToDetectMs(),
                fault.timeToDetectBoundMs(), "not detected")));
        step.getParameters().add(new Parameter().setName("recovery").setValue(fault.recovered()
                ? figure(fault.recoveryMs(), fault.recoveryBoundMs(), "not measured") : "did not recover"));
        step.getParameters().add(new Parameter().setName("outage").setValue(figure(fault.outageMs(),
                fault.outageBoundMs(), "not measured")));
        step.getSteps().addAll(subSteps);
        return step;
    }

    /** One change of a fault's state; a {@code failed} change is the inject's when nothing was injected yet. */
    private StepResult changeStep(TimelineEvent.FaultChange change, boolean injectedBefore) {
        String action = switch (change.change()) {
            case INJECTED -> "inject";
            case VERIFIED -> "verify";
            case ACTED_AGAIN -> "act again";
            case FAILED -> injectedBefore ? "verify" : "inject";
            case REVERTED, REVERT_FAILED -> "revert";
        };
        Status status = switch (change.change()) {
            case FAILED -> Status.FAILED;
            case REVERT_FAILED -> Status.BROKEN;
            default -> Status.PASSED;
        };
        String detail = change.detail() == null ? "" : change.detail();
        StepResult step = step(detail.isEmpty() ? action : action + ": " + detail, status, at(change.t()),
                at(change.t()));
        if (status != Status.PASSED) {
            step.setStatusDetails(new StatusDetails().setMessage(change.change().wire()
                    + (detail.isEmpty() ? "" : ": " + detail)));
        }
        return step;
    }

    private StepResult checkStep(SavedCheck check) {
        String figures = "expected " + check.expected() + ", actual " + check.actual();
        StepResult step = step("objective " + check.name() + ": " + figures,
                check.met() ? Status.PASSED : Status.FAILED, stopMs, stopMs);
        if (!check.met()) {
            step.setStatusDetails(new StatusDetails().setMessage(check.name() + ": " + figures)
                    .setExpected(check.expected()).setActual(check.actual()));
        }
        return step;
    }

    private long at(long t) {
        return startMs + t;
    }

    private static StepResult step(String name, Status status, long start, long stop) {
        return new StepResult().setName(name).setStatus(status).setStage(Stage.FINISHED).setStart(start)
                .setStop(stop);
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    /** A figure with its bound ({@code 2.55s ± 40ms}), alone when the bound is not known, {@code none} when null. */
    private static String figure(Long ms, Long boundMs, String none) {
        return ms == null ? none : Durations.figure(ms, boundMs);
    }

    /** {@code startedAt}; for a result without one, when {@code result.json} was written less the run's length. */
    private static long startMillis(SavedRun run) {
        try {
            return Instant.parse(run.startedAt()).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Files.getLastModifiedTime(run.dir().resolve(SavedRun.RESULT)).toMillis() - run.durationMs();
            } catch (IOException unreadable) {
                return 0;
            }
        }
    }
}
