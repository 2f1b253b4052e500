package dev.faultline.cli.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.faultline.cli.ScenarioSequence;
import dev.faultline.engine.drill.Drill;
import dev.faultline.engine.drill.DrillHalt;
import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.io.AtomicFile;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Failures;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.Reports;
import dev.faultline.reports.history.DrillRecord;
import dev.faultline.reports.history.History;
import dev.faultline.reports.history.HistoryException;
import dev.faultline.reports.history.RegressionCheck;
import dev.faultline.reports.history.Regressions;
import dev.faultline.reports.history.RunFigures;
import dev.faultline.reports.history.RunRow;
import dev.faultline.reports.saved.SavedRun;

/**
 * One run of a drill: claims it in the history (so no time is run twice), tells the webhooks it started, runs its
 * scenarios in order (stopping when a {@code halt-when} of the drill holds), records each scenario's figures, judges
 * the regression bounds against the earlier drills, and writes the suite's reports with the trend, plus
 * {@code drill.json}, into {@code <report-dir>/<drill>/<start time>/}.
 *
 * <p>The drill's verdict is the worst of its scenarios' (ERROR when the harness failed on one), ABORTED when a
 * halt-when of the drill stopped it or it was cancelled, and FAILED when a regression bound is broken.
 */
public final class DrillRun {
    public static final String DRILL_JSON = "drill.json";
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneId.of("Z"));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DrillSuite suite;
    private final Path reportRoot;
    private final String historyLocation;
    private final Clock clock;
    private final PrintStream out;

    /**
     * @param reportRoot      where drills' folders go: {@code <reportRoot>/<drill>/<start time>/}
     * @param historyLocation the history database ({@link History#open})
     */
    public DrillRun(DrillSuite suite, Path reportRoot, String historyLocation, Clock clock, PrintStream out) {
        this.suite = suite;
        this.reportRoot = reportRoot;
        this.historyLocation = historyLocation;
        this.clock = clock;
        this.out = out;
    }

    /** What a drill came to; {@code claimed} false when its time had already been run (nothing was done). */
    public record Outcome(boolean claimed, Verdict verdict, String reason, Path folder,
                          List<RegressionCheck> regression) {
    }

    /**
     * Runs the drill now.
     *
     * @param scheduledFor the schedule's time this run is for; null for a run by hand
     * @throws HistoryException when the history cannot be opened or written (the harness's failure: exit 4)
     */
    public Outcome run(Instant scheduledFor) throws HistoryException {
        Drill drill = suite.drill();
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Long> claimed;
        try (History history = History.open(historyLocation)) {
            claimed = history.startDrill(drill.name(), scheduledFor, startedAt);
        }
        if (claimed.isEmpty()) {
            out.printf("drill %s: the run for %s was already claimed in the history; not run again%n",
                    drill.name(), scheduledFor);
            return new Outcome(false, null, "already run", null, List.of());
        }
        return runClaimed(claimed.get(), scheduledFor, startedAt);
    }

    /**
     * Runs the drill whose run {@code id} was claimed in the history at {@code startedAt} (by a scheduler).
     *
     * @throws HistoryException when the history cannot be opened or written (the harness's failure: exit 4)
     */
    public Outcome runClaimed(long id, Instant scheduledFor, Instant startedAt) throws HistoryException {
        Drill drill = suite.drill();
        try (History history = History.open(historyLocation)) {
            Path folder = newFolder(drill, startedAt);
            Webhooks webhooks = new Webhooks(drill.webhooks(), out);
            out.printf("drill %s: run %d started %s%s, %d scenario(s); results in %s%n", drill.name(), id, startedAt,
                    scheduledFor == null ? "" : " (scheduled for " + scheduledFor + ")", suite.scenarios().size(),
                    folder);
            webhooks.send(new DrillEvent.Started(drill.name(), id, clock.instant(), scheduledFor,
                    suite.scenarios().stream().map(Scenario::name).toList()));

            Scenarios done = new Scenarios();
            ScenarioSequence.Outcome outcome = ScenarioSequence.run(suite.scenarios(), folder, null, out,
                    "faultline drill run", (scenario, result) -> {
                        SavedRun run = record(history, id, drill, result, done);
                        webhooks.send(verdictEvent(drill, id, scenario, result, run));
                        return haltReason(result, done);
                    }, ended -> {
                    });
            Judgement judgement = judge(history, drill, id, outcome, done);
            history.endDrill(id, judgement.verdict(), judgement.reason(), clock.instant());
            writeDrillJson(folder, drill, id, scheduledFor, startedAt, judgement); // the suite report shows it
            writeReports(history, drill, folder, done.saved);
            printJudgement(drill, judgement);
            webhooks.send(new DrillEvent.Ended(drill.name(), id, clock.instant(), judgement.verdict(),
                    judgement.reason(),
                    judgement.regression().stream().filter(c -> !c.met()).map(RegressionCheck::message).toList()));
            return new Outcome(true, judgement.verdict(), judgement.reason(), folder, judgement.regression());
        }
    }

    /** What this run of the drill has done so far: it belongs to the run. */
    private static final class Scenarios {
        final List<SavedRun> saved = new ArrayList<>();
        final List<String> notPassed = new ArrayList<>();
        final List<String> recordFailures = new ArrayList<>();
    }

    /** The verdict of the drill with its reason and the regression checks it made. */
    private record Judgement(Verdict verdict, String reason, List<RegressionCheck> regression) {
    }

    private Path newFolder(Drill drill, Instant startedAt) {
        Path base = reportRoot.resolve(drill.name()).resolve(FOLDER.format(startedAt));
        Path folder = base;
        for (int n = 2; Files.exists(folder); n++) { // never one an earlier drill wrote
            folder = base.resolveSibling(base.getFileName() + "-" + n);
        }
        return folder;
    }

    /** Reads the scenario's saved run and records it; a failure is kept to be told, and the drill goes on. */
    private SavedRun record(History history, long id, Drill drill, RunResult result, Scenarios done) {
        if (result == null || result.verdict() != Verdict.PASSED) {
            done.notPassed.add(result == null ? "a scenario: harness error"
                    : result.scenario() + " " + result.verdict() + " (" + result.reason() + ")");
        }
        if (result == null || !SavedRun.isRunDir(result.reportDir())) {
            return null;
        }
        try {
            SavedRun run = SavedRun.read(result.reportDir());
            history.recordRun(id, drill.name(), run);
            done.saved.add(run);
            return run;
        } catch (IOException | HistoryException | RuntimeException e) {
            String why = result.scenario() + ": cannot record the run in the history: " + Failures.oneLine(e);
            done.recordFailures.add(why);
            System.err.println("faultline drill run: " + why);
            return null;
        }
    }

    private DrillEvent verdictEvent(Drill drill, long id, Scenario scenario, RunResult result, SavedRun run) {
        return new DrillEvent.ScenarioVerdict(drill.name(), id, clock.instant(), scenario.name(),
                result == null ? Verdict.ERROR : result.verdict(),
                result == null ? "harness error (see the log)" : result.reason(),
                DrillEvent.ScenarioVerdict.figures(run == null ? Map.of() : RunFigures.of(run)),
                result == null ? null : result.reportDir().toString());
    }

    /** Why the drill halts after {@code result}, or null to go on. */
    private String haltReason(RunResult result, Scenarios done) {
        Verdict verdict = result == null ? Verdict.ERROR : result.verdict();
        String scenario = result == null ? "a scenario" : result.scenario();
        for (DrillHalt halt : suite.drill().haltWhen()) {
            if (halt instanceof DrillHalt.VerdictAtLeast v && verdict != Verdict.PASSED
                    && verdict.worst(v.verdict()) == verdict) {
                return "halt-when verdict " + v.verdict() + ": " + scenario + " ended " + verdict;
            }
            if (halt instanceof DrillHalt.FailedScenarios f && done.notPassed.size() >= f.count()) {
                return "halt-when failed-scenarios " + f.count() + ": " + done.notPassed.size()
                        + " scenario(s) did not pass";
            }
            if (halt instanceof DrillHalt.ProbeFailing p && result != null && result.measurements().halt() != null
                    && p.condition().probe().equals(result.measurements().halt().probe())) {
                return "halt-when probe " + p.condition().probe() + ": " + result.measurements().halt().condition()
                        + " in " + scenario;
            }
        }
        return null;
    }

    private Judgement judge(History history, Drill drill, long id, ScenarioSequence.Outcome outcome, Scenarios done)
            throws HistoryException {
        List<RegressionCheck> checks = List.of();
        if (drill.regression() != null && !done.saved.isEmpty()) {
            List<DrillRecord> earlier = history.earlierDrills(drill.name(), id, drill.regression().compareWith());
            List<RunRow> current = done.saved.stream().map(run -> row(id, drill, run)).toList();
            checks = Regressions.judge(drill.regression(), current, earlier);
        }
        Verdict verdict = outcome.worst();
        List<String> why = new ArrayList<>(done.notPassed);
        if (outcome.stoppedBy() != null) {
            verdict = verdict.worst(Verdict.ABORTED);
            why.add(0, "halted: " + outcome.stoppedBy());
        }
        if (outcome.cancelled() != null) {
            verdict = verdict.worst(Verdict.ABORTED);
            why.add(0, "cancelled: " + outcome.cancelled());
        }
        List<RegressionCheck> broken = checks.stream().filter(c -> !c.met()).toList();
        if (!broken.isEmpty()) {
            verdict = verdict.worst(Verdict.FAILED);
            broken.forEach(c -> why.add("regression: " + c.message()));
        }
        if (!done.recordFailures.isEmpty()) {
            verdict = verdict.worst(Verdict.ERROR);
            why.addAll(done.recordFailures);
        }
        if (why.isEmpty()) {
            int compared = (int) checks.stream().filter(c -> c.median() != null).count();
            why.add("all " + done.saved.size() + " scenario(s) passed" + (drill.regression() == null ? ""
                    : compared == 0 ? "; no earlier drill to compare with"
                    : "; " + checks.size() + " regression bound(s) held"));
        }
        return new Judgement(verdict, String.join("; ", why), checks);
    }

    private static RunRow row(long id, Drill drill, SavedRun run) {
        return new RunRow(0, id, drill.name(), run.scenario(), run.runId(), Instant.parse(run.startedAt()),
                run.verdict(), RunFigures.of(run), run.dir().toString());
    }

    /** The suite's reports with the trend of this drill's earlier runs; a failure is told, nothing is lost. */
    private void writeReports(History history, Drill drill, Path folder, List<SavedRun> saved) {
        if (saved.isEmpty()) {
            return;
        }
        try {
            List<RunRow> trend = history.runs(null, null).stream().filter(r -> drill.name().equals(r.drill())).toList();
            Reports.writeSuite(saved, folder, trend);
            out.printf("suite report: %s%n", folder.resolve("index.html"));
        } catch (IOException | HistoryException | RuntimeException e) {
            System.err.println("faultline drill run: cannot write the suite's reports: " + Failures.oneLine(e));
        }
    }

    private void writeDrillJson(Path folder, Drill drill, long id, Instant scheduledFor, Instant startedAt,
                                Judgement judgement) {
        ObjectNode root = JSON.createObjectNode();
        root.put("drill", drill.name());
        root.put("file", drill.file().toString());
        root.put("drill-run", id);
        root.put("scheduled-for", scheduledFor == null ? null : scheduledFor.toString());
        root.put("started-at", startedAt.toString());
        root.put("ended-at", clock.instant().toString());
        root.put("verdict", judgement.verdict().name());
        root.put("reason", judgement.reason());
        ArrayNode regression = root.putArray("regression");
        for (RegressionCheck c : judgement.regression()) {
            ObjectNode n = regression.addObject();
            n.put("scenario", c.scenario());
            n.put("figure", c.figure().yamlName());
            n.put("actual", c.actual());
            n.put("median", c.median());
            n.put("limit", c.limit());
            ArrayNode with = n.putArray("compared-with");
            c.comparedWithDrillRuns().forEach(with::add);
            n.put("met", c.met());
            n.put("message", c.message());
        }
        try {
            Files.createDirectories(folder);
            AtomicFile.writeString(folder.resolve(DRILL_JSON), JSON.writeValueAsString(root));
        } catch (IOException | RuntimeException e) {
            System.err.println("faultline drill run: cannot write " + DRILL_JSON + ": " + Failures.oneLine(e));
        }
    }

    private void printJudgement(Drill drill, Judgement judgement) {
        if (!judgement.regression().isEmpty()) {
            out.println();
            out.println("regression bounds (against the median of earlier drills):");
            for (RegressionCheck c : judgement.regression()) {
                out.printf("  %s %s%n", c.met() ? "ok    " : "BROKEN", c.message());
            }
        }
        out.printf("%n== drill %s: %s (%s)%n", drill.name(), judgement.verdict(), judgement.reason());
    }
}
