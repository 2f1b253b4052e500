package dev.faultline.reports.suite;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.stream.XMLStreamException;

import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.history.RunRow;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedRun;

/**
 * {@code index.html}: the suite's RTO/RPO report across scenarios, one self-contained file (inline CSS, no script,
 * nothing fetched). Totals, then each run worst first with its slowest detection and recovery, RPO, lost and
 * duplicated work against their objectives, and under it each fault's time to detect and RTO against its
 * {@code recovery[<fault>]} objective; each scenario links to its run's {@code report.html}. Written through StAX, so
 * every saved text is escaped; the file is HTML that is also well-formed XML.
 */
final class IndexHtml {
    static final String NAME = "index.html";
    private static final String[] COLUMNS = {"Scenario / fault", "Verdict", "Detect", "RTO", "RPO", "Lost",
        "Duplicated"};
    private static final String CSS = String.join("\n",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1d232a}",
            "h1{font-size:20px;margin:0 0 12px}",
            ".totals{display:flex;gap:8px;list-style:none;padding:0;margin:0 0 16px}",
            ".totals li{padding:4px 10px;border-radius:4px;background:#eef1f4}",
            "table{border-collapse:collapse;width:100%}",
            "th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}",
            "th{background:#f6f8fa;font-weight:600}",
            "tbody.run tr.scenario td{border-top:2px solid #c9ced4;font-weight:600}",
            "tr.fault td.scenario{padding-left:24px;font-weight:normal}",
            ".what,.description,.objective{color:#5b6470;font-size:12px;font-weight:normal}",
            ".objective,.mark{white-space:nowrap}",
            ".description{display:block}",
            "td.reason{color:#38404a;font-size:13px;white-space:pre-wrap}",
            ".verdict-PASSED td.verdict,.met{color:#1a7f37}",
            ".verdict-FAILED td.verdict,.violated{color:#cf222e}",
            ".verdict-ABORTED td.verdict{color:#9a6700}",
            ".verdict-ERROR td.verdict{color:#8250df}",
            ".mark{font-size:12px;font-weight:600}",
            "td.verdict{font-weight:700}",
            ".legend{color:#5b6470;font-size:12px;margin-top:16px}",
            "h2{font-size:16px;margin:28px 0 4px}",
            "figure.trend-scenario{margin:16px 0 0}",
            "figcaption{font-weight:600;margin-bottom:2px}",
            ".trend-chart text{font:11px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#5b6470}",
            ".trend-chart text.panel-title{font-weight:600;fill:#1d232a}",
            ".trend-chart text.current-value{font-weight:700}",
            ".trend-chart line.grid{stroke:#eef1f4}",
            ".trend-chart line.baseline{stroke:#c9ced4}",
            ".trend-chart line.median{stroke:#8c959f}");

    private IndexHtml() {
    }

    static String render(List<SavedRun> runs, Path suiteDir) throws XMLStreamException {
        return render(runs, suiteDir, List.of());
    }

    static String render(List<SavedRun> runs, Path suiteDir, List<RunRow> history) throws XMLStreamException {
        List<SavedRun> sorted = Figures.worstFirst(runs);
        StringWriter sw = new StringWriter();
        Xml x = Xml.to(sw);
        x.writer().writeDTD("<!DOCTYPE html>");
        x.line().start("html", "lang", "en").line().start("head");
        x.line().empty("meta", "charset", "utf-8");
        x.line().empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        x.line().leaf("title", "Faultline: " + headline(sorted));
        x.line().leaf("style", CSS + "\n" + DrillBanner.CSS);
        x.endBlock().line().start("body");
        x.line().leaf("h1", "Faultline suite report: RTO and RPO across scenarios");
        DrillBanner.write(x, suiteDir);
        totals(x, sorted);
        x.line().start("table", "class", "suite").line().start("thead").start("tr");
        for (String column : COLUMNS) {
            x.leaf("th", column);
        }
        x.end().end();
        for (SavedRun run : sorted) {
            run(x, run, suiteDir);
        }
        x.endBlock();
        x.line().leaf("p", "Detect: the fault's injection to the first failing probe sample. RTO: the fault's end (a crash: its"
                + " last crash) to the steady state holding again (never: it did not recover). RPO: at the first fault, the age of the"
                + " oldest lost work item. Each figure shows the objective it was judged against (— when none) and"
                + " whether it was met.", "class", "legend");
        trend(x, sorted, history);
        x.endBlock().endBlock().line();
        x.writer().flush();
        return sw.toString();
    }

    /**
     * "Trend against earlier drills": per scenario with earlier runs in {@code history}, its {@link TrendChart}; the
     * others are named as having none. Nothing when no scenario has an earlier run.
     */
    private static void trend(Xml x, List<SavedRun> runs, List<RunRow> history) throws XMLStreamException {
        Map<String, SavedRun> byScenario = new TreeMap<>();
        for (SavedRun run : runs) {
            byScenario.putIfAbsent(run.scenario(), run);
        }
        List<String> without = new ArrayList<>();
        boolean any = false;
        for (SavedRun run : byScenario.values()) {
            List<RunRow> earlier = TrendChart.earlier(run, history);
            if (earlier.isEmpty()) {
                without.add(run.scenario());
                continue;
            }
            if (!any) {
                x.line().start("section", "class", "trend");
                x.line().leaf("h2", "Trend against earlier drills");
                x.line().leaf("p", "Each scenario's RTO and lost work in its earlier runs in the history (oldest"
                        + " first, at most " + TrendChart.MAX_EARLIER + ") and in this run (the large point, labelled);"
                        + " the dashed line is the median of the earlier runs. A cross on the baseline: not measured"
                        + " (an RTO: a fault never recovered).", "class", "legend");
                any = true;
            }
            x.line().start("figure", "class", "trend-scenario", "data-scenario", run.scenario());
            x.line().leaf("figcaption", run.scenario() + " (" + earlier.size() + " earlier run"
                    + (earlier.size() == 1 ? "" : "s") + ")");
            TrendChart.write(x, run, earlier);
            x.endBlock();
        }
        if (any) {
            if (!without.isEmpty()) {
                x.line().leaf("p", "No earlier run in the history: " + String.join(", ", without) + ".",
                        "class", "legend no-trend");
            }
            x.endBlock();
        }
    }

    /** {@code 2 scenarios, 1 failed}: the title, so a tab says how the suite went. */
    static String headline(List<SavedRun> runs) {
        StringBuilder sb = new StringBuilder(runs.size() + (runs.size() == 1 ? " scenario" : " scenarios"));
        for (Verdict v : new Verdict[] {Verdict.ERROR, Verdict.ABORTED, Verdict.FAILED}) {
            long n = Figures.count(runs, v);
            if (n > 0) {
                sb.append(", ").append(n).append(' ').append(v.name().toLowerCase(Locale.ROOT));
            }
        }
        return Figures.count(runs, Verdict.PASSED) == runs.size() ? sb + ", all passed" : sb.toString();
    }

    private static void totals(Xml x, List<SavedRun> runs) throws XMLStreamException {
        x.line().start("ul", "class", "totals");
        x.line().leaf("li", runs.size() + (runs.size() == 1 ? " scenario" : " scenarios"), "class", "scenarios");
        for (Verdict v : new Verdict[] {Verdict.PASSED, Verdict.FAILED, Verdict.ABORTED, Verdict.ERROR}) {
            String name = v.name().toLowerCase(Locale.ROOT);
            x.line().leaf("li", Figures.count(runs, v) + " " + name, "class", name);
        }
        x.endBlock();
    }

    private static void run(Xml x, SavedRun run, Path suiteDir) throws XMLStreamException {
        x.line().start("tbody", "class", "run verdict-" + run.verdict(), "data-scenario", run.scenario());
        x.line().start("tr", "class", "scenario");
        x.start("td", "class", "scenario").leaf("a", run.scenario(), "href", Links.runReport(suiteDir, run));
        if (!run.description().isBlank()) {
            x.leaf("span", run.description(), "class", "description");
        }
        x.end();
        x.leaf("td", run.verdict().name(), "class", "verdict");
        x.leaf("td", Figures.slowestDetect(run), "class", "detect");
        judged(x, "rto", Figures.slowestRecovery(run), false);
        judged(x, "rpo", Figures.rpo(run), true);
        judged(x, "lost", Figures.lost(run), true);
        judged(x, "duplicated", Figures.duplicated(run), true);
        x.end();
        for (SavedFault f : run.faults()) {
            x.line().start("tr", "class", "fault", "data-fault", f.name());
            x.start("td", "class", "scenario").text("↳ " + f.name() + " ").leaf("span", Figures.what(f), "class", "what");
            if (f.error() != null) {
                x.leaf("span", "fault error: " + f.error(), "class", "description");
            }
            x.end();
            x.leaf("td", "", "class", "verdict");
            x.leaf("td", Figures.detect(f), "class", "detect");
            judged(x, "rto", Figures.recovery(run, f), true);
            x.leaf("td", "", "colspan", "3");
            x.end();
        }
        x.line().start("tr", "class", "reason").leaf("td", run.reason(), "class", "reason", "colspan",
                String.valueOf(COLUMNS.length)).end();
        x.endBlock();
    }

    /**
     * A figure's cell: the figure, then (with {@code showObjective}) the objective, "—" when none, and whether it was
     * met.
     */
    private static void judged(Xml x, String column, Judged j, boolean showObjective) throws XMLStreamException {
        x.start("td", "class", column).leaf("span", j.actual(), "class", "actual");
        if (showObjective) {
            x.text(" ").leaf("span", "objective " + (j.objective() == null ? Figures.NONE : j.objective()),
                    "class", "objective");
        }
        if (j.met() != null) {
            x.text(" ").leaf("span", j.met() ? "met" : "violated", "class", "mark " + (j.met() ? "met" : "violated"));
        }
        x.end();
    }
}
