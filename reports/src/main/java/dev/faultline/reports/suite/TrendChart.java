package dev.faultline.reports.suite;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.xml.stream.XMLStreamException;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.model.Durations;
import dev.faultline.reports.history.Regressions;
import dev.faultline.reports.history.RunFigures;
import dev.faultline.reports.history.RunRow;
import dev.faultline.reports.saved.SavedRun;

/**
 * One scenario's trend against earlier drills, as an inline SVG: a panel per figure ({@link #FIGURES}: RTO, then
 * lost work), each a line over the scenario's earlier runs in the history (oldest first, at most
 * {@value #MAX_EARLIER}) and this run, drawn larger and labelled; a dashed line at the median of the earlier values.
 * A run that did not measure the figure (an RTO: a fault never recovered) breaks the line and shows as a cross on the
 * baseline. The median is {@link Regressions#median}'s. The values are {@link RunFigures}', the same the history keeps and the regression bound judges. Every
 * point carries its values as {@code data-*} attributes and a {@code <title>} (shown on hover).
 */
final class TrendChart {
    static final List<TrendFigure> FIGURES = List.of(TrendFigure.RTO, TrendFigure.LOST);
    static final int MAX_EARLIER = 30;
    private static final double WIDTH = 720;
    private static final double LEFT = 64;
    private static final double RIGHT = 150;
    private static final double TOP = 26;
    private static final double PANEL = 80;
    private static final double GAP = 52;
    private static final double LABEL_LINE = 13;
    private static final double AXIS = 26;
    private static final double POINT = 3.5;
    private static final double CURRENT = 6;
    private static final double CROSS = 4;
    private static final String[] COLOUR = {"#1f6feb", "#bf3989"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TrendChart() {
    }

    /** A point of the chart: an earlier run of the scenario, or this run ({@code row} null). */
    private record Point(RunRow row, Long value, String label) {
    }

    /**
     * The scenario's earlier runs among {@code history}: those of the same scenario started before {@code run}, this
     * run itself left out (it may have been recorded already), oldest first, the last {@value #MAX_EARLIER}.
     */
    static List<RunRow> earlier(SavedRun run, List<RunRow> history) {
        Instant started = startOf(run);
        List<RunRow> rows = history.stream()
                .filter(r -> r.scenario().equals(run.scenario()))
                .filter(r -> !Objects.equals(r.runId(), run.runId()))
                .filter(r -> started == null || r.startedAt().isBefore(started))
                .sorted(Comparator.comparing(RunRow::startedAt).thenComparingLong(RunRow::id))
                .toList();
        return rows.subList(Math.max(0, rows.size() - MAX_EARLIER), rows.size());
    }

    private static Instant startOf(SavedRun run) {
        try {
            return Instant.parse(run.startedAt());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Writes the chart of {@code run} against {@code earlier} (non-empty, oldest first). */
    static void write(Xml x, SavedRun run, List<RunRow> earlier) throws XMLStreamException {
        double height = TOP + FIGURES.size() * (PANEL + GAP) - GAP + AXIS;
        x.line().start("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "trend-chart", "width", num(WIDTH),
                "height", num(height), "viewBox", "0 0 " + num(WIDTH) + " " + num(height), "role", "img",
                "aria-label", run.scenario() + ": RTO and lost work in " + earlier.size()
                        + " earlier run(s) and this run");
        int n = earlier.size() + 1;
        for (int i = 0; i < FIGURES.size(); i++) {
            panel(x, run, earlier, FIGURES.get(i), TOP + i * (PANEL + GAP), COLOUR[i], n);
        }
        double base = TOP + FIGURES.size() * (PANEL + GAP) - GAP;
        x.line().leaf("text", DAY.format(earlier.get(0).startedAt()), "class", "axis", "x", num(xOf(0, n)), "y",
                num(base + 16), "text-anchor", n == 1 ? "middle" : "start");
        x.line().leaf("text", "this run", "class", "axis current-label", "x", num(xOf(n - 1, n)), "y",
                num(base + 16), "text-anchor", "end");
        x.endBlock();
    }

    private static void panel(Xml x, SavedRun run, List<RunRow> earlier, TrendFigure figure, double top, String colour,
                              int n) throws XMLStreamException {
        List<Point> points = new ArrayList<>();
        for (RunRow r : earlier) {
            points.add(new Point(r, r.figure(figure), TIME.format(r.startedAt())
                    + (r.drill() == null ? "" : ", drill " + r.drill()) + ": " + name(figure) + " "
                    + text(figure, r.figure(figure), false)));
        }
        Long now = RunFigures.of(run, figure);
        boolean never = figure == TrendFigure.RTO && RunFigures.neverRecovered(run);
        String nowText = text(figure, now, RunFigures.boundOf(run, figure), never);
        points.add(new Point(null, now, "this run: " + name(figure) + " " + nowText));
        List<Long> earlierValues = earlier.stream().map(r -> r.figure(figure)).filter(Objects::nonNull).toList();
        long max = 0;
        for (Point p : points) {
            max = Math.max(max, p.value() == null ? 0 : p.value());
        }
        double ceiling = niceCeiling(Math.max(max, figure.isTime() ? 1_000 : 1));
        double bottom = top + PANEL;
        x.line().start("g", "class", "panel", "data-figure", figure.yamlName());
        x.line().leaf("text", name(figure), "class", "panel-title", "x", num(LEFT), "y", num(top - 12));
        x.line().empty("line", "class", "grid", "x1", num(LEFT), "x2", num(WIDTH - RIGHT), "y1", num(top), "y2",
                num(top));
        x.line().empty("line", "class", "baseline", "x1", num(LEFT), "x2", num(WIDTH - RIGHT), "y1", num(bottom),
                "y2", num(bottom));
        x.line().leaf("text", text(figure, (long) ceiling, false), "class", "axis", "x", num(LEFT - 6), "y",
                num(top + 4), "text-anchor", "end");
        x.line().leaf("text", "0", "class", "axis", "x", num(LEFT - 6), "y", num(bottom + 4), "text-anchor", "end");
        Point current = points.get(points.size() - 1);
        double currentLabelY = Math.max(top + 10,
                (current.value() == null ? bottom : yOf(current.value(), top, ceiling)) - 8);
        if (!earlierValues.isEmpty()) {
            long median = Regressions.median(earlierValues);
            double y = yOf(median, top, ceiling);
            double labelY = y + 4;
            if (Math.abs(labelY - currentLabelY) < LABEL_LINE) { // the two labels share the right margin
                labelY = currentLabelY + LABEL_LINE;
            }
            x.line().start("line", "class", "median", "x1", num(LEFT), "x2", num(WIDTH - RIGHT), "y1", num(y), "y2",
                    num(y), "stroke-dasharray", "4 3", "data-value", String.valueOf(median))
                    .leaf("title", "median of the earlier runs: " + text(figure, median, false)).end();
            x.line().leaf("text", "median " + text(figure, median, false), "class", "axis median-label", "x",
                    num(WIDTH - RIGHT + 12), "y", num(labelY));
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Long v = points.get(i).value();
            if (v == null) {
                if (line.length() > 0) {
                    polyline(x, line, colour);
                }
                continue;
            }
            line.append(num(xOf(i, n))).append(',').append(num(yOf(v, top, ceiling))).append(' ');
        }
        polyline(x, line, colour);
        for (int i = 0; i < points.size(); i++) {
            point(x, points.get(i), figure, xOf(i, n), top, ceiling, colour);
        }
        x.line().leaf("text", "this run: " + nowText, "class", "current-value", "x",
                num(xOf(n - 1, n) + 12), "y", num(currentLabelY), "style", "fill:" + colour);
        x.endBlock();
    }

    private static void polyline(Xml x, StringBuilder points, String colour) throws XMLStreamException {
        String text = points.toString().strip();
        points.setLength(0);
        if (text.contains(" ")) {
            x.line().empty("polyline", "class", "line", "points", text, "fill", "none", "stroke", colour,
                    "stroke-width", "2");
        }
    }

    private static void point(Xml x, Point p, TrendFigure figure, double cx, double top, double ceiling,
                              String colour) throws XMLStreamException {
        boolean current = p.row() == null;
        String kind = current ? "point current" : "point earlier";
        String[] data = {"data-figure", figure.yamlName(), "data-value", p.value() == null ? "" : p.value().toString(),
            "data-started", p.row() == null ? null : p.row().startedAt().toString(), "data-run",
            p.row() == null ? null : p.row().runId()};
        if (p.value() == null) {
            double y = top + PANEL;
            String d = "M" + num(cx - CROSS) + "," + num(y - CROSS) + " L" + num(cx + CROSS) + "," + num(y + CROSS)
                    + " M" + num(cx - CROSS) + "," + num(y + CROSS) + " L" + num(cx + CROSS) + "," + num(y - CROSS);
            x.line().start("path", concat(new String[] {"class", kind + " missing", "d", d, "stroke", "#cf222e",
                "stroke-width", current ? "3" : "2"}, data)).leaf("title", p.label()).end();
            return;
        }
        double r = current ? CURRENT : POINT;
        x.line().start("circle", concat(new String[] {"class", kind, "cx", num(cx), "cy",
            num(yOf(p.value(), top, ceiling)), "r", num(r), "fill", current ? "#ffffff" : colour, "stroke", colour,
            "stroke-width", current ? "3" : "1"}, data)).leaf("title", p.label()).end();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double xOf(int i, int n) {
        double width = WIDTH - LEFT - RIGHT;
        return n == 1 ? LEFT + width / 2 : LEFT + i * width / (n - 1);
    }

    private static double yOf(long value, double top, double ceiling) {
        return top + PANEL - value / ceiling * PANEL;
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code v}: the chart's top. */
    static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String name(TrendFigure figure) {
        return figure == TrendFigure.RTO ? "RTO" : figure.yamlName();
    }

    private static String text(TrendFigure figure, Long value, boolean never) {
        return text(figure, value, null, never);
    }

    /** The value with its bound when it has one ({@code 2.55s ± 40ms}); the history keeps values only. */
    private static String text(TrendFigure figure, Long value, Long bound, boolean never) {
        if (value == null) {
            return never ? "never recovered" : "not measured";
        }
        return figure.isTime() ? Durations.figure(value, bound) : String.valueOf(value);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
