package dev.faultline.reports.suite;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLStreamException;

import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.saved.SavedCheck;
import dev.faultline.reports.saved.SavedRun;

/**
 * {@code junit.xml}: the suite in the JUnit XML format CI servers read. A {@code <testsuite>} per run, named
 * {@code faultline.<scenario>} like its testcases' classname (consumers group testcases by it); a {@code <testcase>}
 * per objective check ({@code classname="faultline.<scenario>"}, {@code name} the check's name); a violated check
 * has a {@code <failure>} whose message is {@code expected <expected> but was <actual>}. A run the harness could
 * not judge has no checks and one extra testcase, {@code run}, carrying its reason: as an {@code <error>} of type {@code faultline.ERROR} or {@code faultline.ABORTED}. Not {@code <skipped>} for
 * ABORTED, although its objectives were never judged: CI test views count a skipped test as no problem, and a halted
 * or interrupted run fails the build (exit 3); Allure's results call it broken for the same reason. Each testsuite's
 * {@code <system-out>} holds
 * the path of the run's {@code report.html}, relative to {@code junit.xml}.
 */
final class JunitXml {
    static final String NAME = "junit.xml";
    static final String CLASS_PREFIX = "faultline.";
    static final String RUN_CASE = "run";
    static final String FAILURE_TYPE = "faultline.ObjectiveViolated";
    /** Ant's timestamp form, which JUnit XML consumers expect: local date and time, no zone (here: UTC). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private JunitXml() {
    }

    static String render(List<SavedRun> runs, Path suiteDir) throws XMLStreamException {
        List<SavedRun> sorted = Figures.worstFirst(runs);
        StringWriter sw = new StringWriter();
        Xml x = Xml.to(sw);
        x.writer().writeStartDocument("UTF-8", "1.0");
        x.line().start("testsuites", "name", "faultline",
                "tests", String.valueOf(sorted.stream().mapToInt(r -> cases(r)).sum()),
                "failures", String.valueOf(sorted.stream().mapToLong(JunitXml::failures).sum()),
                "errors", String.valueOf(sorted.stream().filter(JunitXml::unjudged).count()),
                "skipped", "0",
                "time", seconds(sorted.stream().mapToLong(SavedRun::durationMs).sum()));
        for (SavedRun run : sorted) {
            suite(x, run, suiteDir);
        }
        x.endBlock().line();
        x.writer().writeEndDocument();
        x.writer().flush();
        return sw.toString();
    }

    private static void suite(Xml x, SavedRun run, Path suiteDir) throws XMLStreamException {
        String classname = CLASS_PREFIX + run.scenario();
        // the suite's name is its testcases' classname: consumers (Surefire, Jenkins) group testcases by it
        x.line().start("testsuite", "name", classname,
                "tests", String.valueOf(cases(run)),
                "failures", String.valueOf(failures(run)),
                "errors", unjudged(run) ? "1" : "0",
                "skipped", "0",
                "time", seconds(run.durationMs()),
                "timestamp", timestamp(run.startedAt()));
        x.line().start("properties");
        property(x, "run", run.runId());
        property(x, "verdict", run.verdict().name());
        property(x, "reason", run.reason());
        property(x, "seed", String.valueOf(run.seed()));
        property(x, "topology", run.topology());
        x.endBlock();
        for (SavedCheck c : run.checks()) {
            x.line().start("testcase", "classname", classname, "name", c.name(), "time", "0");
            if (!c.met()) {
                String message = "expected " + c.expected() + " but was " + c.actual();
                x.line().leaf("failure", message, "message", message, "type", FAILURE_TYPE).endBlock();
            } else {
                x.end();
            }
        }
        if (unjudged(run)) {
            x.line().start("testcase", "classname", classname, "name", RUN_CASE, "time", seconds(run.durationMs()));
            x.line().leaf("error", run.reason(), "message", run.reason(), "type", "faultline." + run.verdict());
            x.endBlock();
        }
        x.line().leaf("system-out", "report: " + Links.relativePath(suiteDir, run.dir().resolve(Links.RUN_REPORT)));
        x.endBlock();
    }

    private static void property(Xml x, String name, String value) throws XMLStreamException {
        x.line().start("property", "name", name, "value", value).end();
    }

    /** The run's testcases: its checks, and {@code run} when the harness could not judge it. */
    private static int cases(SavedRun run) {
        return run.checks().size() + (unjudged(run) ? 1 : 0);
    }

    /** Whether the run ended without a judgement (ERROR or ABORTED): it has no checks, only its reason. */
    private static boolean unjudged(SavedRun run) {
        return run.verdict() == Verdict.ERROR || run.verdict() == Verdict.ABORTED;
    }

    private static long failures(SavedRun run) {
        return run.checks().stream().filter(c -> !c.met()).count();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /** The run's start in Ant's form, or null (the attribute left out) when it was not saved. */
    private static String timestamp(String startedAt) {
        try {
            return TIMESTAMP.format(Instant.parse(startedAt).truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
