package dev.faultline.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.faultline.cli.bench.RunFigures.Figure;

/** The benchmark's output: one line per run as it ends, a table per case and figure, and the JSON file. */
final class AccuracyReport {
    private final List<AccuracyCase> cases;
    private final List<RunFigures> runs;
    private final long targetMs;

    AccuracyReport(List<AccuracyCase> cases, List<RunFigures> runs, long targetMs) {
        this.cases = List.copyOf(cases);
        this.runs = List.copyOf(runs);
        this.targetMs = targetMs;
    }

    /** Error statistics of one figure over a case's usable runs. */
    record Stats(int runs, int measured, double truthMean, Double measuredMean, Double meanError, Double worstError) {
        /** Met when every usable run gave the figure and the worst |error| is within the target. */
        boolean met(long targetMs) {
            return runs > 0 && measured == runs && Math.abs(worstError) <= targetMs;
        }

        static Stats of(List<RunFigures> runs, Figure figure) {
            List<RunFigures> usable = runs.stream().filter(RunFigures::usable).toList();
            double truth = usable.stream().mapToDouble(r -> r.truth(figure)).average().orElse(Double.NaN);
            List<Double> errors = usable.stream().map(r -> r.error(figure)).filter(Objects::nonNull).toList();
            Double measuredMean = usable.stream().map(r -> r.measured(figure)).filter(Objects::nonNull)
                    .mapToDouble(Long::doubleValue).average().stream().boxed().findFirst().orElse(null);
            Double mean = errors.stream().mapToDouble(Double::doubleValue).average().stream().boxed().findFirst()
                    .orElse(null);
            Double worst = errors.stream().max((a, b) -> Double.compare(Math.abs(a), Math.abs(b))).orElse(null);
            return new Stats(usable.size(), errors.size(), truth, measuredMean, mean, worst);
        }
    }

    /** One run as it ends: truth, measured and error of each figure, and the offsets that explain them. */
    static String line(RunFigures r, int runsPerCase) {
        String head = String.format(Locale.ROOT, "%-12s run %2d/%-2d", r.caseName(), r.run(), runsPerCase);
        if (!r.usable()) {
            return head + "  NOT JUDGED: " + r.problem() + " (" + r.reportDir() + ")";
        }
        StringBuilder s = new StringBuilder(head);
        for (Figure f : Figure.values()) {
            Long m = r.measured(f);
            s.append(String.format(Locale.ROOT, "  %s %.0f->%s (%s)", f.label(), r.truth(f),
                    m == null ? "none" : m.toString(), signed(r.error(f))));
        }
        RunFigures.Offsets o = r.offsets();
        AccuracyCase.Truth t = r.truth();
        s.append(" |");
        if (o.unpauseToRevert() != null) {
            s.append(String.format(Locale.ROOT, " unpause->thaw %+.1f, thaw->back %.1f, unpause->revert %+.1f,",
                    t.ready() - t.daemonEnd(), t.back() - t.ready(), o.unpauseToRevert()));
        }
        if (o.killToDie() != null) {
            s.append(String.format(Locale.ROOT, " kill->die %.1f, listening->back %.1f,", o.killToDie(),
                    t.back() - t.ready()));
        }
        if (o.firstPassAt() != null) {
            s.append(String.format(Locale.ROOT, " outage ended by a sample sent at back%+.1f, answered after %d,",
                    o.firstPassAt() - t.back(), o.firstPassLatency()));
        }
        if (o.eventLagMin() != null) {
            s.append(String.format(Locale.ROOT, " event lag %.1f..%.1f,", o.eventLagMin(), o.eventLagMax()));
        }
        s.append(String.format(Locale.ROOT, " drift %.2f ms; back = %s", o.clockDrift(), t.backSource()));
        return s.toString();
    }

    void print(PrintStream out) {
        out.printf("Error = measured - truth, ms (mean over the runs; worst = largest |error|, with its sign)%n");
        out.printf("%-12s %-9s %5s %11s %14s %11s %12s   %s%n", "case", "figure", "runs", "truth mean",
                "measured mean", "mean error", "worst error", "worst <= " + targetMs + " ms");
        for (AccuracyCase c : cases) {
            List<RunFigures> ofCase = ofCase(c);
            long notJudged = ofCase.stream().filter(r -> !r.usable()).count();
            boolean first = true;
            for (Figure f : Figure.values()) {
                Stats s = Stats.of(ofCase, f);
                String verdict = s.runs() == 0 ? "NOT MEASURED"
                        : s.measured() < s.runs() ? "NOT MET (" + (s.runs() - s.measured()) + " run(s) gave no figure)"
                        : s.met(targetMs) ? "MET" : "NOT MET";
                out.printf(Locale.ROOT, "%-12s %-9s %5s %11s %14s %11s %12s   %s%n", first ? c.name() : "", f.label(),
                        first ? s.runs() + (notJudged > 0 ? "+" + notJudged + "!" : "") : "",
                        fixed(s.truthMean()), fixed(s.measuredMean()), signed(s.meanError()), signed(s.worstError()),
                        verdict);
                first = false;
            }
        }
        if (runs.stream().anyMatch(r -> !r.usable())) {
            out.println("N+M!: N runs judged, M runs could not be (their reasons are in the per-run lines above)");
        }
    }

    void writeJson(Path file, Map<String, Object> settings) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        List<Object> out = new ArrayList<>();
        for (AccuracyCase c : cases) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("case", c.name());
            json.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            json.put("lengthMs", c.length().toMillis());
            Map<String, Object> figures = new LinkedHashMap<>();
            for (Figure f : Figure.values()) {
                Stats s = Stats.of(ofCase(c), f);
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("runs", s.runs());
                stats.put("measuredRuns", s.measured());
                stats.put("truthMeanMs", finite(s.truthMean()));
                stats.put("measuredMeanMs", s.measuredMean());
                stats.put("meanErrorMs", s.meanError());
                stats.put("worstErrorMs", s.worstError());
                stats.put("met", s.met(targetMs));
                figures.put(f.label(), stats);
            }
            json.put("figures", figures);
            json.put("runs", ofCase(c));
            out.add(json);
        }
        root.put("cases", out);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .writeValue(file.toFile(), root);
    }

    private List<RunFigures> ofCase(AccuracyCase c) {
        return runs.stream().filter(r -> r.caseName().equals(c.name())).toList();
    }

    private static Double finite(double d) {
        return Double.isNaN(d) ? null : d;
    }

    private static String fixed(Double d) {
        return d == null || d.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String signed(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%+.1f", d);
    }
}
