package dev.faultline.reports.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.faultline.engine.io.AtomicFile;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.reports.saved.SavedCheck;
import dev.faultline.reports.saved.SavedDriver;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedHalt;
import dev.faultline.reports.saved.SavedIntegrity;
import dev.faultline.reports.saved.SavedLoad;
import dev.faultline.reports.saved.SavedRecovery;
import dev.faultline.reports.saved.SavedRun;
import dev.faultline.reports.saved.SavedSampling;

/**
 * A run's {@code report.html}: one self-contained page (inline CSS, the chart as inline SVG, no script, nothing
 * fetched) built from the saved run alone. In order: the verdict and its reason, the timeline chart
 * ({@link TimelineChart}) and its legend, the objectives, the integrity figures with the loss window, the figures of
 * each fault with their bounds (and each probe's, when several measured it), the load's figures, the load driver's
 * own figures with a link to its own report (when it keeps them: Gatling), and the run's facts (with how the probes
 * were sampled, and the halt when one stopped the run). Every text from the run is escaped. The page is also
 * well-formed XML, so tests read it with an XML parser.
 */
public final class RunPage {
    public static final String NAME = "report.html";
    /** How many lost or duplicated ids the page lists (result.json keeps the first ones). */
    static final int SHOWN_IDS = 10;

    private final SavedRun run;
    private final StringBuilder out = new StringBuilder(128 * 1024);

    private RunPage(SavedRun run) {
        this.run = run;
    }

    /** Writes {@code report.html} into the run's folder atomically (a temporary file, then a move); returns it. */
    public static Path write(SavedRun run) throws IOException {
        Path target = run.dir().resolve(NAME);
        AtomicFile.writeString(target, render(run));
        return target;
    }

    /** The page of {@code run}. */
    public static String render(SavedRun run) {
        return new RunPage(run).page();
    }

    private String page() {
        Verdict verdict = run.verdict();
        out.append("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Html.text(run.scenario())).append(" \u2014 ").append(verdict.name())
                .append(" \u2014 Faultline</title>\n<style>").append(Style.CSS).append("</style>\n</head>\n<body>\n");
        header(verdict);
        timeline();
        objectives();
        integrity();
        faults();
        recoveries();
        load();
        driver();
        connections();
        backToNormal();
        facts();
        out.append("<footer>Written by Faultline from the run's result.json, timeline.jsonl and ledger.jsonl.")
                .append("</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private void header(Verdict verdict) {
        out.append("<header>\n<h1><span id=\"scenario\">").append(Html.text(run.scenario()))
                .append("</span> <span id=\"verdict\" class=\"badge ").append(verdict.name().toLowerCase())
                .append("\">").append(verdict.name()).append("</span></h1>\n");
        if (!run.description().isBlank()) {
            out.append("<p id=\"description\">").append(Html.text(run.description())).append("</p>\n");
        }
        if (!run.reason().isBlank()) {
            out.append("<p id=\"reason\" class=\"reason\">").append(Html.text(run.reason())).append("</p>\n");
        }
        out.append("</header>\n");
    }

    private void timeline() {
        out.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n<div class=\"chart\">")
                .append(TimelineChart.svg(run)).append("</div>\n");
        legend();
        if (run.unreadableTimeline() > 0) {
            out.append("<p class=\"note\">").append(run.unreadableTimeline())
                    .append(" line(s) of timeline.jsonl could not be read and are not drawn.</p>\n");
        }
        out.append("</section>\n");
    }

    private void legend() {
        out.append("<ul class=\"legend\">");
        swatch("healthy", "sample passed");
        swatch("failing", "sample failed");
        swatch("mixed", "passed and failed within one pixel");
        swatch("fault-window", "fault in force (injected to reverted)");
        swatch("detect", "time to detect");
        swatch("recovery", "recovery");
        if (hasBounds()) {
            out.append("<li><svg class=\"sw\" viewBox=\"0 0 12 12\"><g class=\"bound\"><line x1=\"1\" x2=\"11\"")
                    .append(" y1=\"6\" y2=\"6\"/><line x1=\"1\" x2=\"1\" y1=\"2.5\" y2=\"9.5\"/><line x1=\"11\"")
                    .append(" x2=\"11\" y1=\"2.5\" y2=\"9.5\"/></g></svg>bound (\u00b1) of the detection or")
                    .append(" recovery</li>");
        }
        swatch("loss-window", "loss window (lost items sent)");
        swatch("accepted", "items accepted");
        swatch("errors", "items not accepted");
        swatch("attempts", "connection attempts at a fault proxy");
        SavedDriver driver = run.driver();
        if (driver != null) {
            swatch("driver-ok", driver.name() + " OK");
            swatch("driver-ko", driver.name() + " KO");
        }
        line("p50", "latency p50");
        line("p95", "latency p95");
        line("p99", "latency p99");
        out.append("</ul>\n<ul class=\"legend\">");
        mark("mk-down", "#333", "injected");
        mark("mk-dot", "#2e7d32", "verified");
        mark("mk-diamond", "#333", "acted again");
        mark("mk-up", "#333", "reverted");
        mark("mk-cross", "#d62728", "failed");
        mark("mk-cross", "#7b1010", "revert failed");
        mark("mk-cross", "#111", "container died");
        mark("mk-up", "#2e7d32", "restarted");
        mark("mk-up", "#6b8fb3", "started");
        mark("mk-star", TimelineChart.RECOVERED_FILL, "back by its restart strategy");
        mark("mk-star", TimelineChart.NOT_RECOVERED_FILL, "not back");
        mark("mk-cross", "#8a5a00", "retired (scaled down)");
        mark("mk-pause", "#555", "paused");
        mark("mk-play", "#555", "unpaused");
        out.append("</ul>\n<ul class=\"legend\">");
        for (RunPhase phase : RunPhase.values()) {
            out.append("<li><span class=\"sw\" style=\"background:").append(TimelineChart.phaseFill(phase))
                    .append("\"></span>").append(phase.wire()).append("</li>");
        }
        out.append("<li class=\"hint\">hover over the chart for times and details</li></ul>\n");
    }

    private void swatch(String css, String text) {
        out.append("<li><svg class=\"sw\" viewBox=\"0 0 12 12\"><rect class=\"").append(css)
                .append("\" width=\"12\" height=\"12\"").append(css.equals("loss-window") ? " fill=\"url(#hatch)\""
                        : css.equals("fault-window") ? " fill=\"#e5963a\"" : "")
                .append("/></svg>").append(text).append("</li>");
    }

    private void line(String css, String text) {
        out.append("<li><svg class=\"sw\" viewBox=\"0 0 12 12\"><polyline class=\"").append(css)
                .append("\" points=\"0,6 12,6\"/></svg>").append(text).append("</li>");
    }

    private void mark(String symbol, String fill, String text) {
        out.append("<li><svg class=\"sw\" viewBox=\"-6 -6 12 12\"><use href=\"#").append(symbol)
                .append("\" fill=\"").append(fill).append("\"/></svg>").append(text).append("</li>");
    }

    private void objectives() {
        out.append("<section id=\"objectives\">\n<h2>Objectives</h2>\n");
        List<SavedCheck> checks = run.checks();
        if (checks.isEmpty()) {
            out.append("<p class=\"note\">No objective was checked.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th>objective</th><th>expected</th><th>actual</th><th>met</th></tr></thead>")
                .append("\n<tbody>\n");
        for (SavedCheck c : checks) {
            out.append("<tr class=\"").append(c.met() ? "met" : "unmet").append("\" data-check=\"")
                    .append(Html.text(c.name())).append("\"><td>").append(Html.text(c.name())).append("</td><td>")
                    .append(Html.text(c.expected())).append("</td><td>").append(Html.text(c.actual()))
                    .append("</td><td class=\"met-cell\">").append(c.met() ? "\u2714 yes" : "\u2718 no")
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private void integrity() {
        SavedIntegrity i = run.integrity();
        out.append("<section id=\"integrity\">\n<h2>Integrity</h2>\n<table class=\"figures\">\n<tbody>\n");
        figure("accepted", "accepted", Long.toString(i.accepted()));
        figure("completed", "completed", Long.toString(i.completed()));
        figure("lost", "lost", Long.toString(i.lost()));
        figure("duplicated", "duplicated", Long.toString(i.duplicated()));
        figure("rpo", "RPO", i.rpoMs() == null ? "not measured" : Durations.figure(i.rpoMs()));
        figure("loss-window", "loss window", i.lossFromMs() == null || i.lossToMs() == null ? "none"
                : Durations.figure(i.lossFromMs()) + " \u2192 " + Durations.figure(i.lossToMs())
                        + " after the start (items sent then were lost)");
        figure("drained", "drained", i.drained() ? "yes"
                : "no: the run stopped before its drain (halted or cancelled), so lost counts work still in flight");
        figure("unknown-completed", "unknown completions", Long.toString(i.unknownCompleted()));
        figure("lost-ids", "first lost ids", ids(run.lostIds(), i.lost()));
        figure("duplicated-ids", "first duplicated ids", ids(run.duplicatedIds(), i.duplicated()));
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static String ids(List<String> ids, long total) {
        if (ids.isEmpty()) {
            return "none";
        }
        List<String> shown = ids.subList(0, Math.min(SHOWN_IDS, ids.size()));
        String text = String.join(", ", shown);
        return total > shown.size() ? text + " \u2026 and " + (total - shown.size()) + " more" : text;
    }

    private void faults() {
        out.append("<section id=\"faults\">\n<h2>Faults</h2>\n");
        List<SavedFault> faults = run.faults();
        if (faults.isEmpty()) {
            out.append("<p class=\"note\">No fault was planned.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th>fault</th><th>type</th><th>target</th><th>injected</th>")
                .append("<th>reverted</th><th>time to detect</th><th>recovery</th><th>outage</th>")
                .append("<th>recovered</th></tr></thead>\n<tbody>\n");
        for (SavedFault f : faults) {
            out.append("<tr data-fault=\"").append(Html.text(f.name())).append("\"><td>").append(Html.text(f.name()))
                    .append("</td><td>").append(Html.text(f.type())).append("</td><td>").append(Html.text(f.target()))
                    .append(f.instances().isEmpty() ? "" : " (" + Html.text(String.join(", ", f.instances())) + ")")
                    .append("</td>");
            cell("injected", f.injectedAtMs(), "never");
            cell("reverted", f.revertedAtMs(), "never");
            cell("time-to-detect", f.timeToDetectMs(), f.timeToDetectBoundMs(), "not detected");
            cell("recovery", f.recoveryMs(), f.recoveryBoundMs(), "\u2014");
            cell("outage", f.outageMs(), f.outageBoundMs(), "\u2014");
            out.append("<td data-figure=\"recovered\">").append(f.recovered() ? "yes" : "no").append("</td></tr>\n");
            if (f.injectedAtMs() != null && f.probes().size() > 1) {
                probeRows(f);
            }
            if (f.error() != null) {
                out.append("<tr class=\"unmet\"><td colspan=\"9\">").append(Html.text(f.name())).append(": ")
                        .append(Html.text(f.error())).append("</td></tr>\n");
            }
        }
        out.append("</tbody>\n</table>\n<p class=\"note\">Injected and reverted are times since the run started.");
        if (hasBounds()) {
            out.append(" A figure written <em>2.55s \u00b1 40ms</em> has its bound: the true value lies within")
                    .append(" plus or minus the bound of the figure (the samples around each transition say how far")
                    .append(" it can be); a figure without one is as exact as the sampling.");
        }
        out.append("</p>\n</section>\n");
    }

    /** Whether a fault's figures (or a probe's) were saved with a bound; a run saved before bounds has none. */
    private boolean hasBounds() {
        for (SavedFault f : run.faults()) {
            if (f.timeToDetectBoundMs() != null || f.recoveryBoundMs() != null || f.outageBoundMs() != null) {
                return true;
            }
            for (SavedFault.Probe p : f.probes().values()) {
                if (p.timeToDetectBoundMs() != null || p.recoveryBoundMs() != null || p.outageBoundMs() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Under a fault measured by several probes, each probe's own figures with their bounds. */
    private void probeRows(SavedFault f) {
        for (Map.Entry<String, SavedFault.Probe> e : f.probes().entrySet()) {
            SavedFault.Probe p = e.getValue();
            out.append("<tr class=\"probe-figures\" data-probe-of=\"").append(Html.text(f.name()))
                    .append("\" data-probe=\"").append(Html.text(e.getKey())).append("\"><td colspan=\"5\">")
                    .append("\u21b3 ").append(Html.text(e.getKey())).append(" alone</td>");
            cell("time-to-detect", p.timeToDetectMs(), p.timeToDetectBoundMs(), "not detected");
            cell("recovery", p.recoveryMs(), p.recoveryBoundMs(), "\u2014");
            cell("outage", p.outageMs(), p.outageBoundMs(), "\u2014");
            out.append("<td data-figure=\"recovered\">").append(p.recovered() ? "yes" : "no").append("</td></tr>\n");
        }
    }

    /** Each dead instance the restart policy acted on: its strategy and how long it took to be back. */
    private void recoveries() {
        List<SavedRecovery> recoveries = run.recoveries();
        if (recoveries.isEmpty()) {
            return;
        }
        out.append("<section id=\"recoveries\">\n<h2>Recoveries</h2>\n<table>\n<thead><tr><th>instance</th>")
                .append("<th>strategy</th><th>died</th><th>back</th><th>duration</th><th>outcome</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (SavedRecovery r : recoveries) {
            out.append("<tr class=\"").append(r.recovered() ? "met" : "unmet").append("\" data-recovery=\"")
                    .append(Html.text(r.instance())).append("\" data-strategy=\"").append(Html.text(r.strategy()))
                    .append("\"><td>").append(Html.text(r.instance())).append("</td><td>")
                    .append(Html.text(r.strategy())).append("</td>");
            cell("died", r.diedAtMs(), "\u2014");
            cell("back", r.recovered() ? r.doneAtMs() : null, "never");
            cell("duration", r.durationMs(), "\u2014");
            out.append("<td data-figure=\"outcome\">").append(r.recovered() ? "back: " : "not back: ")
                    .append(Html.text(r.detail())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n<p class=\"note\">Duration: from the death (Docker's time) to the instance")
                .append(" back (restart, redeploy: started and its health passing; restore: also its state reporting")
                .append(" restoredFrom; scale-down: every remaining replica healthy), or to when the supervisor gave")
                .append(" up. Times since the run started.</p>\n</section>\n");
    }

    private void cell(String figure, Long ms, String none) {
        cell(figure, ms, null, none);
    }

    /** A time figure with its bound ({@code 2.55s ± 40ms}), or alone when the bound is null (not known). */
    private void cell(String figure, Long ms, Long boundMs, String none) {
        out.append("<td data-figure=\"").append(figure).append('"');
        if (ms != null && boundMs != null) {
            out.append(" data-bound-ms=\"").append(boundMs).append('"');
        }
        out.append('>').append(ms == null ? none : Durations.figure(ms, boundMs)).append("</td>");
    }

    private void load() {
        SavedLoad whole = run.load();
        SavedLoad during = run.loadDuringFaults();
        out.append("<section id=\"load\">\n<h2>Load</h2>\n<table>\n<thead><tr><th></th><th>sent</th>")
                .append("<th>accepted</th><th>errors</th><th>error rate</th><th>p50</th><th>p95</th><th>p99</th>")
                .append("<th>throughput</th></tr></thead>\n<tbody>\n");
        loadRow("whole-run", "whole run", whole);
        if (during != null) {
            loadRow("during-faults", "while faults were in force", during);
        }
        out.append("</tbody>\n</table>\n<p class=\"note\">The load ran ")
                .append(at(whole.startedAtMs())).append(" \u2192 ").append(at(whole.endedAtMs()))
                .append(whole.drainedAtMs() < 0 ? " and was not drained" : " and drained by " + at(whole.drainedAtMs()))
                .append(" (times since the run started); throughput counts accepted items per second.</p>\n")
                .append("</section>\n");
    }

    /**
     * The load driver's own figures (result.json's {@code load.driver}: Gatling's statistics) and a link to its own
     * report, when that is a relative path inside the run's folder ({@link RunFolderLink}); nothing for a driver that
     * keeps no figures of its own (the ledger driver).
     */
    private void driver() {
        SavedDriver d = run.driver();
        if (d == null) {
            return;
        }
        out.append("<section id=\"driver\" data-driver=\"").append(Html.text(d.name())).append("\">\n<h2>")
                .append(Html.text(d.name().isEmpty() ? "Load driver"
                        : Character.toUpperCase(d.name().charAt(0)) + d.name().substring(1)))
                .append("</h2>\n<table class=\"figures\">\n<tbody>\n");
        figure("simulation", "simulation", d.simulation() == null ? "\u2014" : d.simulation());
        figure("requests", "requests", Long.toString(d.requests()));
        figure("ok", "OK", Long.toString(d.ok()));
        figure("ko", "KO", d.ko() + (d.requests() > 0 ? " (" + Html.percent((double) d.ko() / d.requests()) + ")"
                : ""));
        figure("p50", "p50", d.p50Ms() == null ? "\u2014" : Durations.figure(d.p50Ms()));
        figure("p95", "p95", d.p95Ms() == null ? "\u2014" : Durations.figure(d.p95Ms()));
        figure("p99", "p99", d.p99Ms() == null ? "\u2014" : Durations.figure(d.p99Ms()));
        out.append("<tr><th>its own report</th><td data-figure=\"report\">");
        String href = RunFolderLink.href(d.report());
        if (d.report() == null) {
            out.append("none");
        } else if (href == null) {
            out.append(Html.text(d.report())).append(" (not linked: not a path inside the run's folder)");
        } else {
            out.append("<a href=\"").append(Html.text(href)).append("\">").append(Html.text(d.report()))
                    .append("</a>");
            if (!Files.isRegularFile(run.dir().resolve(d.report()))) {
                out.append(" (missing from the run's folder)");
            }
        }
        out.append("</td></tr>\n</tbody>\n</table>\n<p class=\"note\">The requests and response times as ")
                .append(Html.text(d.name())).append(" itself counted them (OK: what it took for a success), beside")
                .append(" the ledger's figures above; the timeline draws them per second under the load.</p>\n")
                .append("</section>\n");
    }

    /** Connection attempts at each fault proxy (result.json's {@code connections}); nothing when none was sampled. */
    private void connections() {
        com.fasterxml.jackson.databind.JsonNode all = run.result().path("connections");
        if (!all.isArray() || all.isEmpty()) {
            return;
        }
        out.append("<section id=\"connections\">\n<h2>Connection attempts</h2>\n<table>\n<thead><tr><th></th>")
                .append("<th>attempts</th><th>peak</th><th>during faults</th><th>mean during faults</th></tr></thead>\n")
                .append("<tbody>\n");
        for (com.fasterxml.jackson.databind.JsonNode c : all) {
            com.fasterxml.jackson.databind.JsonNode during = c.path("duringFaults");
            boolean faulted = during.isObject();
            out.append("<tr data-service=\"").append(Html.text(c.path("service").asText())).append("\"><th>")
                    .append(Html.text(c.path("service").asText())).append("</th>")
                    .append("<td data-figure=\"accepted\">").append(c.path("accepted").asLong()).append("</td>")
                    .append("<td data-figure=\"peak\">").append(c.path("peakPerSec").asLong()).append("/s")
                    .append(c.path("peakAtMs").asLong() < 0 ? "" : " at " + at(c.path("peakAtMs").asLong()))
                    .append("</td><td data-figure=\"during-faults\">")
                    .append(faulted ? during.path("accepted").asLong() + " in "
                            + Durations.figure(during.path("windowMs").asLong()) : "\u2014")
                    .append("</td><td data-figure=\"mean-during-faults\">")
                    .append(faulted ? during.path("meanPerSec").asText() + "/s" : "\u2014")
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n<p class=\"note\">Client connections each fault proxy accepted (every")
                .append(" client of the service behind it): the peak is the most in one second; the fault windows run")
                .append(" from each injection to its recovery.</p>\n</section>\n");
    }

    /**
     * The {@code back-to-normal} objective's comparison ({@code result.json} {@code objectiveFigures.back-to-normal}):
     * one row per metric, before and after, the limit and the p-value; nothing when the scenario has no such objective.
     */
    private void backToNormal() {
        JsonNode f = run.result().path("objectiveFigures").path("back-to-normal");
        if (!f.isObject()) {
            return;
        }
        out.append("<section id=\"back-to-normal\">\n<h2>Back to normal</h2>\n");
        String problem = f.path("problem").isTextual() ? f.path("problem").asText() : null;
        if (problem != null) {
            out.append("<p class=\"note\">Nothing compared: ").append(Html.text(problem)).append(".</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th>metric</th><th>before the first fault</th><th>after the recovery</th>")
                .append("<th>limit</th><th>p-value</th><th>degraded</th></tr></thead>\n<tbody>\n");
        f.path("metrics").fields().forEachRemaining(e -> {
            String metric = e.getKey();
            JsonNode m = e.getValue();
            boolean degraded = m.path("degraded").asBoolean();
            out.append("<tr class=\"").append(degraded ? "unmet" : "met").append("\" data-metric=\"")
                    .append(Html.text(metric)).append("\"><th>").append(Html.text(metric)).append("</th>")
                    .append("<td data-figure=\"before\">").append(metricFigure(metric, m.path("before"))).append("</td>")
                    .append("<td data-figure=\"after\">").append(metricFigure(metric, m.path("after"))).append("</td>")
                    .append("<td data-figure=\"limit\">").append(metricFigure(metric, m.path("limit"))).append("</td>")
                    .append("<td data-figure=\"p-value\">").append(Html.percent(m.path("pValue").asDouble()))
                    .append("</td><td class=\"met-cell\">").append(degraded ? "\u2718 yes" : "\u2714 no")
                    .append("</td></tr>\n");
        });
        JsonNode before = f.path("before");
        JsonNode after = f.path("after");
        out.append("</tbody>\n</table>\n<p class=\"note\">Before: ").append(at(before.path("fromMs").asLong()))
                .append(" \u2192 ").append(at(before.path("toMs").asLong())).append("; after: ")
                .append(at(after.path("fromMs").asLong())).append(" \u2192 ").append(at(after.path("toMs").asLong()))
                .append(" (times since the run started), latency until the ").append(Html.text(f.path("basis").asText()))
                .append(". A metric is degraded when the after-window is past its limit (tolerance ")
                .append(Html.percent(f.path("tolerance").asDouble())).append(", errors ")
                .append(Html.percent(f.path("errorTolerance").asDouble()))
                .append(") with a p-value below ").append(Html.percent(f.path("significance").asDouble() / 4))
                .append(" (a block bootstrap over one-second blocks, ").append(f.path("resamples").asInt())
                .append(" resamples).</p>\n</section>\n");
    }

    private static String metricFigure(String metric, JsonNode value) {
        if (!value.isNumber()) {
            return metric.endsWith("latency") ? "never" : "\u2014";
        }
        double v = value.asDouble();
        return switch (metric) {
            case "throughput" -> Html.num(v) + "/s";
            case "error-rate" -> Html.percent(v);
            default -> Durations.figure(Math.round(v));
        };
    }

    private static String at(long ms) {
        return ms < 0 ? "never" : Durations.figure(ms);
    }

    private void loadRow(String id, String name, SavedLoad l) {
        out.append("<tr data-load=\"").append(id).append("\"><th>").append(name).append("</th>")
                .append("<td data-figure=\"sent\">").append(l.sent()).append("</td>")
                .append("<td data-figure=\"accepted\">").append(l.accepted()).append("</td>")
                .append("<td data-figure=\"errors\">").append(l.sent() - l.accepted()).append("</td>")
                .append("<td data-figure=\"error-rate\">").append(Html.percent(l.errorRate())).append("</td>");
        cell("p50", l.p50Ms(), "\u2014");
        cell("p95", l.p95Ms(), "\u2014");
        cell("p99", l.p99Ms(), "\u2014");
        out.append("<td data-figure=\"throughput\">").append(Html.num(l.throughputPerSec())).append("/s</td></tr>\n");
    }

    private void facts() {
        out.append("<section id=\"facts\">\n<h2>Run</h2>\n<table class=\"figures\">\n<tbody>\n");
        figure("run", "run id", run.runId());
        figure("seed", "seed", Long.toString(run.seed()));
        figure("topology", "topology", run.topology());
        figure("started", "started", run.startedAt());
        figure("finished", "finished", run.finishedAt());
        figure("duration", "duration", Durations.figure(run.durationMs()));
        SavedSampling sampling = run.sampling();
        if (sampling.everyMs() > 0) {
            figure("sampling", "sampling", sampling(sampling));
        }
        SavedHalt halt = run.halt();
        if (halt != null) {
            figure("halt", "halted", halt.condition() + "; every fault in force reverted "
                    + Durations.figure(halt.revertLatencyMs(), halt.revertLatencyBoundMs()) + " after it held ("
                    + String.join(", ", halt.reverted()) + ")");
        }
        out.append("</tbody>\n</table>\n");
        Map<String, String> images = run.images();
        Map<String, List<String>> instances = run.instances();
        if (!images.isEmpty()) {
            out.append("<table id=\"services\">\n<thead><tr><th>service</th><th>image</th><th>instances</th></tr>")
                    .append("</thead>\n<tbody>\n");
            for (Map.Entry<String, String> s : images.entrySet()) {
                out.append("<tr data-service=\"").append(Html.text(s.getKey())).append("\"><td>")
                        .append(Html.text(s.getKey())).append("</td><td>").append(Html.text(s.getValue()))
                        .append("</td><td>").append(Html.text(String.join(", ",
                                instances.getOrDefault(s.getKey(), List.of())))).append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        out.append("</section>\n");
    }

    /**
     * How the probes were sampled: {@code every 100ms: 600 probe samples, 48 extra to narrow transitions (1.6/s)},
     * and the late ticks when the harness fell behind; the schedule alone for a run saved before the counts were.
     */
    private static String sampling(SavedSampling s) {
        StringBuilder text = new StringBuilder("every ").append(Durations.figure(s.everyMs()));
        if (s.probeSamples() != null && s.extraProbes() != null) {
            text.append(": ").append(s.probeSamples()).append(" probe samples, ").append(s.extraProbes())
                    .append(" extra to narrow transitions");
            if (s.extraProbesPerSecond() != null && s.extraProbes() > 0) {
                text.append(" (").append(Html.num(s.extraProbesPerSecond())).append("/s)");
            }
        }
        if (s.lateTicks() > 0) {
            text.append("; ").append(s.lateTicks()).append(s.lateTicks() == 1 ? " tick" : " ticks")
                    .append(" ran late (worst ").append(Durations.figure(s.worstLagMs()))
                    .append(" behind): the host was overloaded");
        }
        return text.toString();
    }

    private void figure(String id, String name, String value) {
        out.append("<tr><th>").append(Html.text(name)).append("</th><td data-figure=\"").append(id).append("\">")
                .append(Html.text(value)).append("</td></tr>\n");
    }
}
