package dev.faultline.reports.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.reports.saved.SavedDriver;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedIntegrity;
import dev.faultline.reports.saved.SavedRun;

/**
 * The run's timeline as one inline SVG on a shared time axis (ms since the run started): the run phases as a thin
 * band; a row per fault (its window with a mark per change, its detection and recovery intervals, each with its
 * bound as a whisker across the moment it ends at) whose window is shaded across the whole chart; a lane per probe and per sampled instance (healthy, failing and mixed stretches,
 * the instance's container changes as marks); then the load from the ledger: accepted and failed items per second,
 * and the latency percentiles, per bucket; then, when the load driver keeps figures of its own (Gatling), its
 * requests per second (OK and KO) and its latency percentiles, per bucket ({@link DriverSeries}, from result.json's
 * {@code load.driver}); then, per service behind a fault proxy, the connection attempts its proxy
 * accepted per second (timeline events {@code connections}), per bucket. Every drawn item carries its times as {@code data-*} attributes and a
 * {@code <title>} that says what it is (the browser shows it on hover).
 */
final class TimelineChart {
    static final double WIDTH = 1200;
    static final double LEFT = 196;
    static final double RIGHT = 24;
    private static final double LABEL_CHAR = 6.6;
    private static final double LEVEL = 10;
    private static final int MAX_LEVELS = 3;
    private static final double MARK_WIDTH = 10;
    private static final double LANE = 16;
    private static final double ROW_GAP = 7;
    private static final double PHASES = 12;
    private static final double THROUGHPUT = 70;
    private static final double LATENCY = 90;
    private static final double ATTEMPTS = 50;
    private static final double MIN_FAILING = 2;
    private static final double MIN_INTERVAL = 2;
    /** Half the height of a bound's whisker caps. */
    private static final double WHISKER_CAP = 3.5;
    private static final Map<RunPhase, String> PHASE_FILL = Map.of(RunPhase.STARTING, "#d5dbe0",
            RunPhase.STEADY_STATE, "#b9dcf2", RunPhase.LOAD, "#c6e5c3", RunPhase.DRAIN, "#f3e9a6",
            RunPhase.RECOVERY, "#f6d2a8", RunPhase.STATE, "#dcc7e8", RunPhase.STOPPING, "#d9cfc9");

    private final SavedRun run;
    private final TimeAxis axis;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private TimelineChart(SavedRun run) {
        this.run = run;
        this.axis = new TimeAxis(LEFT, WIDTH - LEFT - RIGHT, spanOf(run));
    }

    /** The chart of {@code run} as an {@code <svg>} element. */
    static String svg(SavedRun run) {
        return new TimelineChart(run).draw();
    }

    /** The colour of each run phase, for the legend. */
    static String phaseFill(RunPhase phase) {
        return PHASE_FILL.get(phase);
    }

    /** The chart's time span: to the last thing the run saved (at least a second). */
    static long spanOf(SavedRun run) {
        long span = Math.max(1_000, run.durationMs());
        for (TimelineEvent e : run.timeline()) {
            span = Math.max(span, e.t());
        }
        for (SavedFault f : run.faults()) {
            span = Math.max(span, max(f.revertedAtMs(), f.recoveredAtMs(), f.lastActedAtMs()));
        }
        for (Ledger.WorkItem item : run.ledger()) {
            span = Math.max(span, Math.max(item.submittedAt(), item.answeredAt()));
        }
        return span;
    }

    private static long max(Long... values) {
        long max = 0;
        for (Long v : values) {
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** A mark: one change of a fault or a container, at {@code t}. */
    /** The fill of a recovery's mark: back by its strategy, or not. */
    static final String RECOVERED_FILL = "#1b9aaa";
    static final String NOT_RECOVERED_FILL = "#d62728";

    private record Mark(long t, String change, String symbol, String fill, String title, String owner) {
    }

    /** A row of the chart with the height its marks need. */
    private record Row(String kind, String name, List<Mark> marks, int[] levels, int levelCount) {
        double marksHeight() {
            return levelCount * LEVEL;
        }
    }

    private String draw() {
        List<Row> faultRows = new ArrayList<>();
        for (SavedFault f : run.faults()) {
            faultRows.add(row("fault", f.name(), faultMarks(f.name())));
        }
        Map<String, List<TimelineEvent.Sample>> samples = samplesByLane();
        List<Row> laneRows = new ArrayList<>();
        for (String lane : lanes(samples)) {
            laneRows.add(row("lane", lane, serviceMarks(lane)));
        }
        LoadSeries load = LoadSeries.of(run.ledger(), axis.spanMs());

        double top = 26;
        double phasesTop = top;
        double faultsTop = phasesTop + PHASES + 12;
        double y = faultsTop;
        List<Double> faultTops = new ArrayList<>();
        for (Row r : faultRows) {
            faultTops.add(y);
            y += r.marksHeight() + 8 + 2 + 5 + 2 + 5 + ROW_GAP;
        }
        List<Double> laneTops = new ArrayList<>();
        for (Row r : laneRows) {
            laneTops.add(y);
            y += r.marksHeight() + LANE + ROW_GAP;
        }
        double throughputTop = y + 12;
        double latencyTop = throughputTop + THROUGHPUT + 14;
        double bottom = latencyTop + LATENCY;
        SavedDriver driver = run.driver();
        double driverTop = bottom + 14;
        double driverLatencyTop = driverTop + THROUGHPUT + 14;
        if (driver != null) {
            bottom = driverLatencyTop + LATENCY;
        }
        Map<String, List<TimelineEvent.Connections>> attempts = connectionsByService();
        List<Double> attemptTops = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            attemptTops.add(bottom + 14);
            bottom += 14 + ATTEMPTS;
        }
        double height = bottom + 26;

        out.append("<svg id=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(Html.num(WIDTH)).append(' ').append(Html.num(height)).append("\" width=\"100%\"")
                .append(" role=\"img\" aria-label=\"timeline of the run\"")
                .append(" data-plot-x=\"").append(Html.num(axis.left())).append('"')
                .append(" data-plot-width=\"").append(Html.num(axis.width())).append('"')
                .append(" data-span-ms=\"").append(axis.spanMs()).append("\">\n");
        defs();
        grid(top - 8, bottom);
        phases(phasesTop);
        for (int i = 0; i < faultRows.size(); i++) {
            fault(run.faults().get(i), faultRows.get(i), faultTops.get(i));
        }
        for (int i = 0; i < laneRows.size(); i++) {
            lane(laneRows.get(i), laneTops.get(i), samples.getOrDefault(laneRows.get(i).name(), List.of()));
        }
        loadPanels(load, throughputTop, latencyTop);
        lossWindow(throughputTop, latencyTop + LATENCY);
        if (driver != null) {
            driverPanels(driver, DriverSeries.of(driver, load.bucketMs()), driverTop, driverLatencyTop);
        }
        int panelIndex = 0;
        for (Map.Entry<String, List<TimelineEvent.Connections>> e : attempts.entrySet()) {
            attemptsPanel(e.getKey(), e.getValue(), attemptTops.get(panelIndex++), load.bucketMs());
        }
        for (SavedFault f : run.faults()) {
            faultShade(f, faultsTop, bottom);
        }
        axisLabels(14, bottom + 18);
        out.append("</svg>\n");
        return out.toString();
    }

    private void defs() {
        out.append("<defs>")
                .append("<path id=\"mk-down\" d=\"M-4.5,-4H4.5L0,4Z\"/>")
                .append("<path id=\"mk-up\" d=\"M-4.5,4H4.5L0,-4Z\"/>")
                .append("<circle id=\"mk-dot\" r=\"3.6\"/>")
                .append("<path id=\"mk-diamond\" d=\"M0,-4.5L4.5,0L0,4.5L-4.5,0Z\"/>")
                .append("<path id=\"mk-cross\" d=\"M-4,-2.6L-2.6,-4L0,-1.4L2.6,-4L4,-2.6L1.4,0L4,2.6L2.6,4L0,1.4")
                .append("L-2.6,4L-4,2.6L-1.4,0Z\"/>")
                .append("<path id=\"mk-pause\" d=\"M-3.5,-4H-1V4H-3.5ZM1,-4H3.5V4H1Z\"/>")
                .append("<path id=\"mk-play\" d=\"M-3.5,-4.5L4,0L-3.5,4.5Z\"/>")
                .append("<path id=\"mk-star\" d=\"M0,-5L1.2,-1.6L4.8,-1.5L1.9,0.6L2.9,4L0,2L-2.9,4L-1.9,0.6")
                .append("L-4.8,-1.5L-1.2,-1.6Z\"/>")
                .append("<pattern id=\"hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"")
                .append(" patternTransform=\"rotate(45)\"><rect width=\"2.2\" height=\"5\" fill=\"#c0392b\"/>")
                .append("</pattern></defs>\n");
    }

    private void grid(double from, double to) {
        out.append("<g class=\"grid\">");
        for (long t : axis.ticks()) {
            double x = axis.x(t);
            out.append("<line x1=\"").append(Html.num(x)).append("\" x2=\"").append(Html.num(x))
                    .append("\" y1=\"").append(Html.num(from)).append("\" y2=\"").append(Html.num(to))
                    .append("\"/>");
        }
        out.append("</g>\n");
    }

    private void axisLabels(double topBaseline, double bottomBaseline) {
        out.append("<g class=\"axis\">");
        for (long t : axis.ticks()) {
            double x = axis.x(t);
            String label = axis.tickLabel(t);
            if (x + label.length() * LABEL_CHAR / 2 > WIDTH) {
                continue;
            }
            for (double baseline : new double[] {topBaseline, bottomBaseline}) {
                text(x, baseline, "middle", null, label);
            }
        }
        text(LEFT - 20, bottomBaseline, "end", "axis-unit", axis.unit());
        out.append("</g>\n");
    }

    private void phases(double top) {
        List<TimelineEvent.Phase> phases = new ArrayList<>();
        for (TimelineEvent e : run.timeline()) {
            if (e instanceof TimelineEvent.Phase p) {
                phases.add(p);
            }
        }
        phases.sort(java.util.Comparator.comparingLong(TimelineEvent.Phase::t));
        label(top + PHASES - 2, "phases", null);
        out.append("<g class=\"phases\">");
        for (int i = 0; i < phases.size(); i++) {
            TimelineEvent.Phase p = phases.get(i);
            long to = i + 1 < phases.size() ? phases.get(i + 1).t() : axis.spanMs();
            double x = axis.x(p.t());
            double w = axis.x(to) - x;
            String name = p.phase().wire();
            out.append("<rect class=\"phase\" data-phase=\"").append(name).append("\" data-from-ms=\"")
                    .append(p.t()).append("\" data-to-ms=\"").append(to).append('"');
            rect(x, top, w, PHASES, PHASE_FILL.get(p.phase()));
            out.append("><title>").append(name).append(' ').append(span(p.t(), to)).append("</title></rect>");
            if (w >= name.length() * 5.6 + 6) {
                text(x + w / 2, top + PHASES - 3, "middle", "phase-label", name);
            }
        }
        out.append("</g>\n");
    }

    private void fault(SavedFault f, Row row, double top) {
        double bar = top + row.marksHeight();
        out.append("<g class=\"fault\" data-fault=\"").append(Html.text(f.name())).append("\">");
        label(bar + 8, "fault " + f.name(), f.type() + " on " + f.target());
        if (f.injectedAtMs() == null) {
            text(axis.left() + 4, bar + 8, "start", "note", "not injected" + (f.error() == null ? ""
                    : ": " + f.error()));
        } else {
            long from = f.injectedAtMs();
            long to = f.revertedAtMs() != null ? f.revertedAtMs() : axis.spanMs();
            interval("fault-bar", f.name(), from, to, bar, 8, "#e5963a",
                    f.name() + ": " + f.type() + " on " + f.target() + " " + String.join(", ", f.instances())
                            + ", in force " + span(from, to) + (f.revertedAtMs() == null ? ", never reverted" : ""));
            if (f.timeToDetectMs() != null) {
                long detectedAt = from + f.timeToDetectMs();
                interval("detect", f.name(), from, detectedAt, bar + 10, 5, "#7b4fc9",
                        f.name() + " detected " + Durations.figure(f.timeToDetectMs(), f.timeToDetectBoundMs())
                                + " after its injection (" + span(from, detectedAt) + ")");
                whisker("detect", f.name(), detectedAt, f.timeToDetectBoundMs(), bar + 12.5,
                        f.name() + " detected at " + Durations.figure(detectedAt, f.timeToDetectBoundMs()));
            }
            if (f.recoveryFromMs() != null) {
                interval("recovery", f.name(), f.recoveryFromMs(), f.recoveredAtMs(), bar + 17, 5, "#1b9aaa",
                        f.name() + " recovered in " + Durations.figure(f.recoveryMs(), f.recoveryBoundMs()) + " ("
                                + span(f.recoveryFromMs(), f.recoveredAtMs()) + ")");
                whisker("recovery", f.name(), f.recoveredAtMs(), f.recoveryBoundMs(), bar + 19.5,
                        f.name() + " recovered at " + Durations.figure(f.recoveredAtMs(), f.recoveryBoundMs()));
            } else if (!f.recovered()) {
                long since = f.lastActedAtMs() != null ? f.lastActedAtMs() : from;
                interval("recovery-missing", f.name(), since, axis.spanMs(), bar + 17, 5, "url(#hatch)",
                        f.name() + ": did not recover (since " + at(since) + ")");
            }
        }
        marks(row, bar, bar + 8);
        out.append("</g>\n");
    }

    private void interval(String css, String owner, long from, long to, double y, double h, String fill,
                          String title) {
        double x = axis.x(from);
        double w = Math.max(MIN_INTERVAL, axis.x(to) - x);
        out.append("<rect class=\"").append(css).append("\" data-fault=\"").append(Html.text(owner))
                .append("\" data-from-ms=\"").append(from).append("\" data-to-ms=\"").append(to).append('"');
        rect(x, y, w, h, fill);
        out.append("><title>").append(Html.text(title)).append("</title></rect>");
    }

    /**
     * The bound of a figure as a whisker across the moment it ends at, {@code t}: a line from {@code t - bound} to
     * {@code t + bound} with a cap at each end, so a sharp figure is a short tick and a loose one a wide bracket.
     * Nothing when the bound is not known.
     */
    private void whisker(String figure, String owner, long t, Long boundMs, double y, String title) {
        if (boundMs == null) {
            return;
        }
        double x1 = Math.max(axis.left(), axis.x(t - boundMs));
        double x2 = Math.min(axis.left() + axis.width(), axis.x(t + boundMs));
        out.append("<g class=\"bound\" data-figure=\"").append(figure).append("\" data-fault=\"")
                .append(Html.text(owner)).append("\" data-t-ms=\"").append(t).append("\" data-bound-ms=\"")
                .append(boundMs).append("\"><title>").append(Html.text(title + ": the true moment lies in "
                        + Durations.figure(t - boundMs) + " \u2192 " + Durations.figure(t + boundMs)))
                .append("</title>");
        segment(x1, y, x2, y);
        segment(x1, y - WHISKER_CAP, x1, y + WHISKER_CAP);
        segment(x2, y - WHISKER_CAP, x2, y + WHISKER_CAP);
        out.append("</g>");
    }

    private void segment(double x1, double y1, double x2, double y2) {
        out.append("<line x1=\"").append(Html.num(x1)).append("\" x2=\"").append(Html.num(x2)).append("\" y1=\"")
                .append(Html.num(y1)).append("\" y2=\"").append(Html.num(y2)).append("\"/>");
    }

    private void faultShade(SavedFault f, double top, double bottom) {
        if (f.injectedAtMs() == null) {
            return;
        }
        long from = f.injectedAtMs();
        long to = f.revertedAtMs() != null ? f.revertedAtMs() : axis.spanMs();
        double x = axis.x(from);
        out.append("<rect class=\"fault-window\" data-fault=\"").append(Html.text(f.name()))
                .append("\" data-from-ms=\"").append(from).append("\" data-to-ms=\"").append(to).append('"');
        rect(x, top, Math.max(MIN_INTERVAL, axis.x(to) - x), bottom - top, "#e5963a");
        out.append("/>\n");
    }

    private void lane(Row row, double top, List<TimelineEvent.Sample> samples) {
        double bar = top + row.marksHeight();
        out.append("<g class=\"lane\" data-lane=\"").append(Html.text(row.name())).append("\">");
        label(bar + 12, row.name(), null);
        out.append("<rect class=\"lane-bg\"");
        rect(axis.left(), bar, axis.width(), LANE, null);
        out.append("/>");
        if (samples.isEmpty()) {
            text(axis.left() + 4, bar + 12, "start", "note", "not sampled");
        }
        long every = run.sampleEveryMs() > 0 ? run.sampleEveryMs() : 100;
        for (LaneStretches.Stretch s : LaneStretches.of(samples, every, axis.spanMs(), axis.msPerUnit())) {
            double x = axis.x(s.fromMs());
            double w = axis.x(s.toMs()) - x;
            if (s.state() != LaneStretches.State.HEALTHY) {
                w = Math.max(MIN_FAILING, w);
            }
            out.append("<rect class=\"").append(s.state().css()).append("\" data-from-ms=\"").append(s.fromMs())
                    .append("\" data-to-ms=\"").append(s.toMs()).append('"');
            rect(x, bar, w, LANE, null);
            out.append("><title>").append(Html.text(stretchTitle(row.name(), s))).append("</title></rect>");
        }
        marks(row, bar, bar + LANE);
        out.append("</g>\n");
    }

    private static String stretchTitle(String lane, LaneStretches.Stretch s) {
        int samples = s.healthySamples() + s.failingSamples();
        String text = lane + " " + s.state().css() + " " + span(s.fromMs(), s.toMs());
        text += s.state() == LaneStretches.State.MIXED
                ? ": failing in " + s.failingSamples() + " of " + samples + " samples"
                : " (" + samples + (samples == 1 ? " sample)" : " samples)");
        return s.detail() == null ? text : text + ": " + s.detail();
    }

    private void marks(Row row, double barTop, double barBottom) {
        for (int i = 0; i < row.marks().size(); i++) {
            Mark m = row.marks().get(i);
            double x = axis.x(m.t());
            double y = barTop - LEVEL / 2 - row.levels()[i] * LEVEL;
            out.append("<g class=\"mark\" data-change=\"").append(m.change()).append("\" data-")
                    .append(row.kind().equals("fault") ? "fault" : "instance").append("=\"")
                    .append(Html.text(m.owner())).append("\" data-t-ms=\"").append(m.t()).append("\">")
                    .append("<title>").append(Html.text(m.title())).append("</title>")
                    .append("<line class=\"hair\" x1=\"").append(Html.num(x)).append("\" x2=\"").append(Html.num(x))
                    .append("\" y1=\"").append(Html.num(y)).append("\" y2=\"").append(Html.num(barBottom))
                    .append("\"/><use href=\"#").append(m.symbol()).append("\" x=\"").append(Html.num(x))
                    .append("\" y=\"").append(Html.num(y)).append("\" fill=\"").append(m.fill()).append("\"/></g>");
        }
    }

    private void loadPanels(LoadSeries load, double top, double latencyTop) {
        double perSecMax = niceCeiling(load.maxSentPerSec() * 1.1);
        long latencyMax = (long) niceCeiling(load.maxP99Ms());
        out.append("<g class=\"load\" data-bucket-ms=\"").append(load.bucketMs()).append("\">");
        label(top + THROUGHPUT / 2 + 4, "items/s", "work items sent per second, per "
                + Durations.figure(load.bucketMs()) + " bucket");
        label(latencyTop + LATENCY / 2 + 4, "latency", "latency percentiles per "
                + Durations.figure(load.bucketMs()) + " bucket");
        panel(top, THROUGHPUT, trim(perSecMax) + "/s");
        panel(latencyTop, LATENCY, Durations.figure(latencyMax));
        if (load.buckets().isEmpty()) {
            text(axis.left() + 4, top + THROUGHPUT / 2, "start", "note", "no load");
        }
        double bucketW = axis.width() * load.bucketMs() / axis.spanMs();
        double gap = bucketW > 4 ? 0.6 : 0;
        StringBuilder hits = new StringBuilder();
        Map<String, StringBuilder> lines = new LinkedHashMap<>();
        for (String p : List.of("p50", "p95", "p99")) {
            lines.put(p, new StringBuilder());
        }
        for (LoadSeries.Bucket b : load.buckets()) {
            double x = axis.x(b.fromMs());
            double w = Math.max(0.2, Math.min(axis.x(b.fromMs() + load.bucketMs()), axis.left() + axis.width()) - x);
            double perSec = 1000.0 / load.bucketMs();
            double acceptedH = THROUGHPUT * b.accepted() * perSec / perSecMax;
            double errorsH = THROUGHPUT * b.errors() * perSec / perSecMax;
            stackedBar(x, top + THROUGHPUT, w - gap, "accepted", acceptedH, "errors", errorsH);
            point(lines.get("p50"), b.p50Ms(), x + w / 2, latencyTop, latencyMax);
            point(lines.get("p95"), b.p95Ms(), x + w / 2, latencyTop, latencyMax);
            point(lines.get("p99"), b.p99Ms(), x + w / 2, latencyTop, latencyMax);
            hits.append("<rect class=\"hit\" data-from-ms=\"").append(b.fromMs()).append("\" data-sent=\"")
                    .append(b.sent()).append("\" data-accepted=\"").append(b.accepted()).append('"')
                    .append(" x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(top))
                    .append("\" width=\"").append(Html.num(w)).append("\" height=\"")
                    .append(Html.num(latencyTop + LATENCY - top)).append("\"><title>")
                    .append(Html.text(bucketTitle(b, load.bucketMs()))).append("</title></rect>");
        }
        polylines(lines);
        out.append(hits).append("</g>\n");
    }

    /**
     * The load driver's own figures: its requests per second of each bucket, OK below KO, and the percentiles of its
     * OK requests (for a bucket of several seconds the highest of its seconds).
     */
    private void driverPanels(SavedDriver driver, DriverSeries series, double top, double latencyTop) {
        String name = driver.name();
        long bucketMs = series.bucketMs();
        String per = "per " + Durations.figure(bucketMs) + " bucket";
        double perSecMax = niceCeiling(Math.max(1, series.maxPerSec()) * 1.1);
        long latencyMax = (long) niceCeiling(series.maxP99Ms());
        out.append("<g class=\"driver\" data-driver=\"").append(Html.text(name)).append("\" data-bucket-ms=\"")
                .append(bucketMs).append("\">");
        label(top + THROUGHPUT / 2 + 4, name + " req/s", "requests per second as " + name + " counted them, OK and"
                + " KO, " + per);
        label(latencyTop + LATENCY / 2 + 4, name + " latency", name + "'s response time percentiles of the OK"
                + " requests, " + per + (bucketMs > 1000 ? " (the highest of its seconds)" : ""));
        panel(top, THROUGHPUT, trim(perSecMax) + "/s");
        panel(latencyTop, LATENCY, Durations.figure(latencyMax));
        if (series.buckets().isEmpty()) {
            text(axis.left() + 4, top + THROUGHPUT / 2, "start", "note", "no figures from " + name);
        }
        double perSec = 1000.0 / bucketMs;
        StringBuilder hits = new StringBuilder();
        Map<String, StringBuilder> lines = new LinkedHashMap<>();
        for (String p : List.of("p50", "p95", "p99")) {
            lines.put(p, new StringBuilder());
        }
        for (DriverSeries.Bucket b : series.buckets()) {
            double x = axis.x(b.fromMs());
            double w = Math.max(0.2, Math.min(axis.x(b.fromMs() + bucketMs), axis.left() + axis.width()) - x);
            double gap = w > 4 ? 0.6 : 0;
            double okH = THROUGHPUT * b.ok() * perSec / perSecMax;
            double koH = THROUGHPUT * b.ko() * perSec / perSecMax;
            stackedBar(x, top + THROUGHPUT, w - gap, "driver-ok", okH, "driver-ko", koH);
            point(lines.get("p50"), b.p50Ms(), x + w / 2, latencyTop, latencyMax);
            point(lines.get("p95"), b.p95Ms(), x + w / 2, latencyTop, latencyMax);
            point(lines.get("p99"), b.p99Ms(), x + w / 2, latencyTop, latencyMax);
            if (b.seconds() == 0) {
                continue;
            }
            hits.append("<rect class=\"hit driver-hit\" data-from-ms=\"").append(b.fromMs()).append("\" data-ok=\"")
                    .append(b.ok()).append("\" data-ko=\"").append(b.ko()).append('"')
                    .append(" x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(top))
                    .append("\" width=\"").append(Html.num(w)).append("\" height=\"")
                    .append(Html.num(latencyTop + LATENCY - top)).append("\"><title>")
                    .append(Html.text(driverTitle(name, b, bucketMs))).append("</title></rect>");
        }
        polylines(lines);
        out.append(hits).append("</g>\n");
    }

    private static String driverTitle(String name, DriverSeries.Bucket b, long bucketMs) {
        String latencies = b.p50Ms() == null && b.p95Ms() == null && b.p99Ms() == null ? ", no OK request"
                : (bucketMs > 1000 ? ", highest of its seconds: p50 " : ", p50 ") + figure(b.p50Ms()) + ", p95 "
                + figure(b.p95Ms()) + ", p99 " + figure(b.p99Ms());
        return span(b.fromMs(), b.fromMs() + bucketMs) + ": " + name + " OK " + b.ok() + ", KO " + b.ko() + latencies;
    }

    private Map<String, List<TimelineEvent.Connections>> connectionsByService() {
        Map<String, List<TimelineEvent.Connections>> out = new LinkedHashMap<>();
        for (TimelineEvent e : run.timeline()) {
            if (e instanceof TimelineEvent.Connections c) {
                out.computeIfAbsent(c.service(), k -> new ArrayList<>()).add(c);
            }
        }
        out.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(TimelineEvent.Connections::t)));
        return out;
    }

    /**
     * The connection attempts the fault proxy in front of {@code service} accepted, per second of each bucket: the
     * count of the last sample at or before the bucket's end less that at or before its start.
     */
    private void attemptsPanel(String service, List<TimelineEvent.Connections> samples, double top, long bucketMs) {
        long first = samples.get(0).t();
        long last = samples.get(samples.size() - 1).t();
        List<long[]> buckets = new ArrayList<>();
        double maxPerSec = 0;
        for (long from = Math.floorDiv(first, bucketMs) * bucketMs; from <= last; from += bucketMs) {
            long n = countAt(samples, from + bucketMs) - countAt(samples, from);
            buckets.add(new long[] {from, n});
            maxPerSec = Math.max(maxPerSec, n * 1000.0 / bucketMs);
        }
        double perSecMax = niceCeiling(Math.max(1, maxPerSec) * 1.1);
        out.append("<g class=\"connections\" data-service=\"").append(Html.text(service))
                .append("\" data-bucket-ms=\"").append(bucketMs).append("\">");
        label(top + ATTEMPTS / 2 + 4, "attempts/s " + service, "connection attempts accepted per second by the"
                + " fault proxy in front of " + service + ", per " + Durations.figure(bucketMs) + " bucket");
        panel(top, ATTEMPTS, trim(perSecMax) + "/s");
        for (long[] b : buckets) {
            if (b[1] == 0) {
                continue;
            }
            double x = axis.x(b[0]);
            double w = Math.max(0.2, Math.min(axis.x(b[0] + bucketMs), axis.left() + axis.width()) - x);
            double h = ATTEMPTS * (b[1] * 1000.0 / bucketMs) / perSecMax;
            out.append("<rect class=\"attempts\" data-from-ms=\"").append(b[0]).append("\" data-attempts=\"")
                    .append(b[1]).append('"');
            rect(x, top + ATTEMPTS - h, w - (w > 4 ? 0.6 : 0), h, null);
            out.append("><title>").append(Html.text(span(b[0], b[0] + bucketMs) + ": " + b[1]
                    + " connection attempts at " + service)).append("</title></rect>");
        }
        out.append("</g>\n");
    }

    private static long countAt(List<TimelineEvent.Connections> sorted, long t) {
        long count = sorted.get(0).accepted();
        for (TimelineEvent.Connections c : sorted) {
            if (c.t() > t) {
                break;
            }
            count = c.accepted();
        }
        return count;
    }

    /** Adds a bucket's point to a line; a bucket without a value breaks the line ({@code |}). */
    private static void point(StringBuilder line, Long ms, double x, double top, long max) {
        if (ms == null) {
            line.append('|');
            return;
        }
        double y = top + LATENCY - LATENCY * Math.min(ms, max) / Math.max(1, max);
        line.append(Html.num(x)).append(',').append(Html.num(y)).append(' ');
    }

    private static String bucketTitle(LoadSeries.Bucket b, long bucketMs) {
        return span(b.fromMs(), b.fromMs() + bucketMs) + ": sent " + b.sent() + ", accepted " + b.accepted()
                + ", errors " + b.errors() + (b.p50Ms() == null ? ", none answered"
                : ", p50 " + Durations.figure(b.p50Ms()) + ", p95 " + Durations.figure(b.p95Ms()) + ", p99 "
                + Durations.figure(b.p99Ms()));
    }

    private void panel(double top, double height, String maxLabel) {
        out.append("<rect class=\"panel\"");
        rect(axis.left(), top, axis.width(), height, null);
        out.append("/>");
        out.append("<line class=\"panel-max\" x1=\"").append(Html.num(axis.left())).append("\" x2=\"")
                .append(Html.num(axis.left() + axis.width())).append("\" y1=\"").append(Html.num(top))
                .append("\" y2=\"").append(Html.num(top)).append("\"/>");
        text(LEFT - 6, top + 9, "end", "scale", maxLabel);
        text(LEFT - 6, top + height, "end", "scale", "0");
    }

    private void lossWindow(double top, double bottom) {
        SavedIntegrity integrity = run.integrity();
        if (integrity.lossFromMs() == null || integrity.lossToMs() == null) {
            return;
        }
        double x = axis.x(integrity.lossFromMs());
        out.append("<rect class=\"loss-window\" data-from-ms=\"").append(integrity.lossFromMs())
                .append("\" data-to-ms=\"").append(integrity.lossToMs()).append('"');
        rect(x, top, Math.max(MIN_INTERVAL, axis.x(integrity.lossToMs()) - x), bottom - top, "url(#hatch)");
        out.append("><title>").append(Html.text("loss window: the " + integrity.lost()
                + " lost items were sent " + span(integrity.lossFromMs(), integrity.lossToMs())))
                .append("</title></rect>\n");
    }

    private void label(double baseline, String name, String title) {
        int fit = (int) ((LEFT - 16) / LABEL_CHAR);
        String shown = name.length() > fit ? name.substring(0, fit - 1) + "\u2026" : name;
        out.append("<text class=\"label\" x=\"").append(Html.num(LEFT - 10)).append("\" y=\"")
                .append(Html.num(baseline)).append("\" text-anchor=\"end\">");
        if (title != null || !shown.equals(name)) {
            out.append("<title>").append(Html.text(title != null ? name + ": " + title : name)).append("</title>");
        }
        out.append(Html.text(shown)).append("</text>");
    }

    private void text(double x, double baseline, String anchor, String css, String text) {
        out.append("<text");
        if (css != null) {
            out.append(" class=\"").append(css).append('"');
        }
        out.append(" x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(baseline))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.text(text)).append("</text>");
    }

    /** Each line's points as polylines, broken where a bucket had no value ({@code |}). */
    private void polylines(Map<String, StringBuilder> lines) {
        for (Map.Entry<String, StringBuilder> line : lines.entrySet()) {
            for (String points : line.getValue().toString().split("\\|")) {
                if (!points.isBlank()) {
                    out.append("<polyline class=\"").append(line.getKey()).append("\" points=\"")
                            .append(points.trim()).append("\"/>");
                }
            }
        }
    }

    /** A bar of two parts standing on {@code bottom}: {@code lowH} of class {@code low}, {@code highH} of {@code high} on it. */
    private void stackedBar(double x, double bottom, double w, String low, double lowH, String high, double highH) {
        if (lowH > 0) {
            out.append("<rect class=\"").append(low).append('"');
            rect(x, bottom - lowH, w, lowH, null);
            out.append("/>");
        }
        if (highH > 0) {
            out.append("<rect class=\"").append(high).append('"');
            rect(x, bottom - lowH - highH, w, highH, null);
            out.append("/>");
        }
    }

    private void rect(double x, double y, double w, double h, String fill) {
        out.append(" x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(y)).append("\" width=\"")
                .append(Html.num(Math.max(0, w))).append("\" height=\"").append(Html.num(h)).append('"');
        if (fill != null) {
            out.append(" fill=\"").append(fill).append('"');
        }
    }

    private Map<String, List<TimelineEvent.Sample>> samplesByLane() {
        Map<String, List<TimelineEvent.Sample>> lanes = new LinkedHashMap<>();
        for (TimelineEvent e : run.timeline()) {
            if (e instanceof TimelineEvent.Sample s) {
                lanes.computeIfAbsent(s.lane().wire(), k -> new ArrayList<>()).add(s);
            }
        }
        return lanes;
    }

    /**
     * The lanes in drawing order: the probes as they first appear, then each instance's health in the order of the
     * topology's services (an instance is drawn when it was sampled or its container changed), then any other.
     */
    private List<String> lanes(Map<String, List<TimelineEvent.Sample>> samples) {
        List<String> order = new ArrayList<>();
        for (String lane : samples.keySet()) {
            if (lane.startsWith(Lane.Kind.PROBE.prefix())) {
                order.add(lane);
            }
        }
        List<String> changed = new ArrayList<>();
        for (TimelineEvent e : run.timeline()) {
            if (e instanceof TimelineEvent.ServiceChange c) {
                changed.add(Lane.health(c.instance()).wire());
            }
        }
        for (List<String> instances : run.instances().values()) {
            for (String instance : instances) {
                String lane = Lane.health(instance).wire();
                if (samples.containsKey(lane) || changed.contains(lane)) {
                    order.add(lane);
                }
            }
        }
        for (String lane : samples.keySet()) {
            if (!order.contains(lane)) {
                order.add(lane);
            }
        }
        for (String lane : changed) {
            if (!order.contains(lane)) {
                order.add(lane);
            }
        }
        return order;
    }

    private List<Mark> faultMarks(String fault) {
        List<Mark> marks = new ArrayList<>();
        for (TimelineEvent e : run.timeline()) {
            if (e instanceof TimelineEvent.FaultChange c && c.fault().equals(fault)) {
                String title = fault + " " + c.change().wire() + " at " + at(c.t())
                        + (c.detail() == null || c.detail().isEmpty() ? "" : ": " + c.detail());
                marks.add(new Mark(c.t(), c.change().wire(), symbol(c.change()), fill(c.change()), title, fault));
            }
        }
        return marks;
    }

    private List<Mark> serviceMarks(String lane) {
        List<Mark> marks = new ArrayList<>();
        for (TimelineEvent e : run.timeline()) {
            if (e instanceof TimelineEvent.InstanceRecovery r && Lane.health(r.instance()).wire().equals(lane)) {
                String title = r.instance() + (r.recovered() ? " back by " : " not back by ")
                        + r.strategy().yamlName() + " " + Durations.figure(r.durationMs()) + " after its death ("
                        + span(r.diedAt(), r.t()) + "): " + r.detail();
                marks.add(new Mark(r.t(), r.recovered() ? "recovered" : "not-recovered", "mk-star",
                        r.recovered() ? RECOVERED_FILL : NOT_RECOVERED_FILL, title, r.instance()));
            }
            if (e instanceof TimelineEvent.ServiceChange c && Lane.health(c.instance()).wire().equals(lane)) {
                String title = c.instance() + " " + c.change().wire() + " at " + at(c.t())
                        + (c.detail() == null || c.detail().isEmpty() ? "" : ": " + c.detail());
                marks.add(new Mark(c.t(), c.change().wire(), symbol(c.change()), fill(c.change()), title,
                        c.instance()));
            }
        }
        return marks;
    }

    static String symbol(FaultState change) {
        return switch (change) {
            case INJECTED -> "mk-down";
            case VERIFIED -> "mk-dot";
            case ACTED_AGAIN -> "mk-diamond";
            case REVERTED -> "mk-up";
            case FAILED, REVERT_FAILED -> "mk-cross";
        };
    }

    static String fill(FaultState change) {
        return switch (change) {
            case INJECTED, ACTED_AGAIN, REVERTED -> "#333";
            case VERIFIED -> "#2e7d32";
            case FAILED -> "#d62728";
            case REVERT_FAILED -> "#7b1010";
        };
    }

    static String symbol(ServiceState change) {
        return switch (change) {
            case DIED, RESTART_FAILED, RETIRED -> "mk-cross";
            case STARTED, RESTARTED -> "mk-up";
            case PAUSED -> "mk-pause";
            case UNPAUSED -> "mk-play";
        };
    }

    static String fill(ServiceState change) {
        return switch (change) {
            case DIED -> "#111";
            case RESTART_FAILED -> "#d62728";
            case RETIRED -> "#8a5a00";
            case STARTED -> "#6b8fb3";
            case RESTARTED -> "#2e7d32";
            case PAUSED, UNPAUSED -> "#555";
        };
    }

    /** A row whose marks stack in levels, so marks closer than a mark's width do not cover each other. */
    private Row row(String kind, String name, List<Mark> marks) {
        List<Mark> sorted = new ArrayList<>(marks);
        sorted.sort(java.util.Comparator.comparingLong(Mark::t));
        int[] levels = new int[sorted.size()];
        double[] lastX = new double[MAX_LEVELS];
        java.util.Arrays.fill(lastX, Double.NEGATIVE_INFINITY);
        int used = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double x = axis.x(sorted.get(i).t());
            int level = MAX_LEVELS - 1;
            for (int l = 0; l < MAX_LEVELS; l++) {
                if (x - lastX[l] >= MARK_WIDTH) {
                    level = l;
                    break;
                }
            }
            levels[i] = level;
            lastX[level] = x;
            used = Math.max(used, level + 1);
        }
        return new Row(kind, name, sorted, levels, used);
    }

    private static String at(long ms) {
        return Durations.figure(ms);
    }

    private static String figure(Long ms) {
        return ms == null ? "\u2014" : Durations.figure(ms);
    }

    private static String span(long from, long to) {
        return Durations.figure(from) + " \u2192 " + Durations.figure(to) + " (" + Durations.figure(to - from) + ")";
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code v} (1 for nothing). */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= v - 1e-9) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Html.num(v);
    }
}
