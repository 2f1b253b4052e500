package dev.faultline.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.faultline.cli.bench.AccuracyCase.Range;
import dev.faultline.cli.bench.RunFigures.Coverage;
import dev.faultline.cli.bench.RunFigures.Figure;
import dev.faultline.engine.model.Durations;

/**
 * The benchmark's output: two lines per run as it ends, a table per case and figure, the overall coverage, bounds
 * and probe load against the targets, and the JSON file.
 */
final class AccuracyReport {
    /** The sampling interval the bound target is stated for. */
    static final Duration BOUND_TARGET_SAMPLING = Duration.ofMillis(100);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private final List<AccuracyCase> cases;
    private final List<RunFigures> runs;
    private final long targetMs;
    private final long boundTargetMs;
    private final Duration sampleEvery;

    AccuracyReport(List<AccuracyCase> cases, List<RunFigures> runs, long targetMs, long boundTargetMs,
                   Duration sampleEvery) {
        this.cases = List.copyOf(cases);
        this.runs = List.copyOf(runs);
        this.targetMs = targetMs;
        this.boundTargetMs = boundTargetMs;
        this.sampleEvery = sampleEvery;
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
            Double measuredMean = mean(usable.stream().map(r -> r.measured(figure)).filter(Objects::nonNull)
                    .map(Long::doubleValue).toList());
            Double worst = errors.stream().max((a, b) -> Double.compare(Math.abs(a), Math.abs(b))).orElse(null);
            return new Stats(usable.size(), errors.size(), truth, measuredMean, mean(errors), worst);
        }
    }

    /**
     * How the bounds of some figures covered the truth.
     *
     * @param judged          figures judged (of usable runs)
     * @param covered         the truth's best estimate inside the measured figure plus or minus its bound
     * @param onlyWithTruth   not covered, but the measured interval meets the truth's own interval
     * @param noFigure        the harness gave no figure
     * @param noBound         the harness gave a figure without a bound
     * @param bounds          how many figures had a bound
     * @param meanBound       mean of the bounds, null when none
     * @param largestBound    the largest bound, null when none
     * @param worstMiss       how far the best estimate lay outside at worst (0 when all inside), null when none judged
     */
    record Cover(int judged, int covered, int onlyWithTruth, int noFigure, int noBound, int bounds, Double meanBound,
                 Long largestBound, Double worstMiss) {
        static Cover of(List<RunFigures> runs, List<Figure> figures) {
            int judged = 0;
            int covered = 0;
            int onlyWithTruth = 0;
            int noFigure = 0;
            int noBound = 0;
            List<Double> bounds = new ArrayList<>();
            Long largest = null;
            Double worstMiss = null;
            for (RunFigures r : runs) {
                if (!r.usable()) {
                    continue;
                }
                for (Figure f : figures) {
                    judged++;
                    Coverage c = r.coverage(f);
                    covered += c.inside() ? 1 : 0;
                    onlyWithTruth += c.onlyWithTruthUncertainty() ? 1 : 0;
                    noFigure += "no figure".equals(c.why()) ? 1 : 0;
                    noBound += "no bound".equals(c.why()) ? 1 : 0;
                    Long b = r.bound(f);
                    if (b != null && r.measured(f) != null) {
                        bounds.add(b.doubleValue());
                        largest = largest == null ? b : Math.max(largest, b);
                    }
                    if (c.missMs() != null) {
                        worstMiss = worstMiss == null ? c.missMs() : Math.max(worstMiss, c.missMs());
                    }
                }
            }
            return new Cover(judged, covered, onlyWithTruth, noFigure, noBound, bounds.size(), mean(bounds), largest,
                    worstMiss);
        }

        double percent() {
            return judged == 0 ? Double.NaN : 100.0 * covered / judged;
        }

        /** Covered once the truth's own uncertainty is allowed: {@link #covered} plus {@link #onlyWithTruth}. */
        int coveredWithTruth() {
            return covered + onlyWithTruth;
        }

        String fraction() {
            return judged == 0 ? "-" : String.format(Locale.ROOT, "%d/%d (%.1f%%)", covered, judged, percent());
        }
    }

    /** The probe load over the usable runs: extra probes per second of sampling, mean and max, and the counts. */
    record Load(int runs, Double meanPerSecond, Double maxPerSecond, long extraProbes, long probeSamples) {
        static Load of(List<RunFigures> runs) {
            List<RunFigures.Sampling> s = runs.stream().filter(RunFigures::usable).map(RunFigures::sampling)
                    .filter(Objects::nonNull).toList();
            return new Load(s.size(), mean(s.stream().map(RunFigures.Sampling::extraProbesPerSecond).toList()),
                    s.stream().map(RunFigures.Sampling::extraProbesPerSecond).max(Double::compare).orElse(null),
                    s.stream().mapToLong(RunFigures.Sampling::extraProbes).sum(),
                    s.stream().mapToLong(RunFigures.Sampling::probeSamples).sum());
        }
    }

    /**
     * One run as it ends. First line: per figure, the truth (with the interval it is known to lie in, when not
     * exact), the measured figure with its bound, the error, and whether the truth lies inside. Second line: the probe
     * load, where the bounds were read, and the offsets that explain the errors.
     */
    static String line(RunFigures r, int runsPerCase) {
        String head = String.format(Locale.ROOT, "%-12s run %2d/%-2d", r.caseName(), r.run(), runsPerCase);
        if (!r.usable()) {
            return head + "  NOT JUDGED: " + r.problem() + " (" + r.reportDir() + ")";
        }
        StringBuilder s = new StringBuilder(head);
        for (Figure f : Figure.values()) {
            s.append(" ").append(figureText(r, f)).append(" |");
        }
        s.setLength(s.length() - 2);
        s.append(System.lineSeparator()).append(" ".repeat(head.length()));
        RunFigures.Sampling sampling = r.sampling();
        s.append(String.format(Locale.ROOT, "  extra probes %d (%.1f/s)", sampling.extraProbes(),
                sampling.extraProbesPerSecond()));
        if (!RunFigures.Bounds.RESULT_JSON.equals(r.bounds().source())) {
            s.append(", bounds from ").append(r.bounds().source());
        }
        RunFigures.Offsets o = r.offsets();
        AccuracyCase.Truth t = r.truth();
        s.append(" |");
        if (o.unpauseToRevert() != null) {
            s.append(String.format(Locale.ROOT, " unpause->thaw %+.1f, thaw->back %.1f, unpause->revert %+.1f,",
                    t.ready() - t.daemonEnd(), t.back().best() - t.ready(), o.unpauseToRevert()));
        }
        if (o.killToDie() != null) {
            s.append(String.format(Locale.ROOT, " kill->die %.1f, listening->back %.1f,", o.killToDie(),
                    t.back().best() - t.ready()));
        }
        s.append(String.format(Locale.ROOT, " onset %.1f [%.1f..%.1f], back %.1f [%.1f..%.1f],", t.onset().best(),
                t.onset().lo(), t.onset().hi(), t.back().best(), t.back().lo(), t.back().hi()));
        if (o.firstPassAt() != null) {
            s.append(String.format(Locale.ROOT, " outage ended by %s sample sent at back%+.1f, answered after %d,",
                    Boolean.TRUE.equals(o.firstPassExtra()) ? "an extra" : "a regular", o.firstPassAt() - t.back().best(),
                    o.firstPassLatency()));
        }
        if (o.eventLagMin() != null) {
            s.append(String.format(Locale.ROOT, " event lag %.1f..%.1f,", o.eventLagMin(), o.eventLagMax()));
        }
        s.append(String.format(Locale.ROOT, " drift %.2f ms; back = %s; onset = %s", o.clockDrift(), t.backSource(),
                t.onsetSource()));
        return s.toString();
    }

    /**
     * {@code outage 3083.6 -> 3072±12 (-11.6) inside}; a truth known only within an interval shows it
     * ({@code detect 13.7[0.0..13.7] -> ...}); a miss says by how much, and whether the truth's interval meets the
     * measured one.
     */
    private static String figureText(RunFigures r, Figure f) {
        Range truth = r.truthRange(f);
        Long m = r.measured(f);
        Long b = r.bound(f);
        String truthText = String.format(Locale.ROOT, "%.1f", truth.best())
                + (truth.exact() ? "" : String.format(Locale.ROOT, "[%.1f..%.1f]", truth.lo(), truth.hi()));
        String measured = m == null ? "none" : m + (b == null ? "±?" : "±" + b);
        Coverage c = r.coverage(f);
        String judged = c.why() != null ? "NOT JUDGED (" + c.why() + ")"
                : c.inside() ? "inside"
                : String.format(Locale.ROOT, "OUTSIDE by %.1f%s", c.missMs(),
                        c.overlaps() ? " (meets the truth's interval)" : "");
        return String.format(Locale.ROOT, "%s %s -> %s (%s) %s", f.label(), truthText, measured, signed(r.error(f)),
                judged);
    }

    void print(PrintStream out) {
        out.printf("Error = measured - truth (its best estimate), ms; worst = largest |error|, with its sign.%n");
        out.printf("Coverage: runs whose truth (best estimate) lies inside measured ± bound; +unc: runs covered only "
                + "when the truth's own interval is allowed.%n");
        String row = "%-12s %-9s %5s %10s %10s %9s %9s %-8s %-16s %5s %7s %7s%n";
        out.printf(row, "case", "figure", "runs", "truth", "measured", "mean err", "worst err",
                "<=" + targetMs + "ms", "coverage", "+unc", "mean ±", "max ±");
        for (AccuracyCase c : cases) {
            List<RunFigures> ofCase = ofCase(c);
            long notJudged = ofCase.stream().filter(r -> !r.usable()).count();
            boolean first = true;
            for (Figure f : Figure.values()) {
                Stats s = Stats.of(ofCase, f);
                Cover cover = Cover.of(ofCase, List.of(f));
                String verdict = s.runs() == 0 ? "-"
                        : s.measured() < s.runs() ? "NOT MET (" + (s.runs() - s.measured()) + " without figure)"
                        : s.met(targetMs) ? "MET" : "NOT MET";
                out.printf(Locale.ROOT, row, first ? c.name() : "", f.label(),
                        first ? s.runs() + (notJudged > 0 ? "+" + notJudged + "!" : "") : "",
                        fixed(s.truthMean()), fixed(s.measuredMean()), signed(s.meanError()), signed(s.worstError()),
                        verdict, cover.fraction(), cover.judged() == 0 ? "-" : "+" + cover.onlyWithTruth(),
                        fixed(cover.meanBound()), cover.largestBound() == null ? "-" : cover.largestBound().toString());
                first = false;
            }
        }
        if (runs.stream().anyMatch(r -> !r.usable())) {
            out.println("N+M!: N runs judged, M runs could not be (their reasons are in the per-run lines above)");
        }
        out.println();
        Cover all = Cover.of(runs, List.of(Figure.values()));
        Load load = Load.of(runs);
        long usable = runs.stream().filter(RunFigures::usable).count();
        out.printf(Locale.ROOT, "Overall: %d run(s) judged, %d figure(s)%n", usable, all.judged());
        out.printf(Locale.ROOT, "  coverage: %s of the figures have their truth inside measured ± bound; "
                + "target 100%%: %s%n", all.fraction(), coverageMet(all) ? "MET" : "NOT MET");
        out.printf(Locale.ROOT, "  with the truth's own uncertainty allowed: %d/%d (%d more, covered only that way)%n",
                all.coveredWithTruth(), all.judged(), all.onlyWithTruth());
        if (all.noFigure() > 0 || all.noBound() > 0) {
            out.printf(Locale.ROOT, "  not judgeable, counted as not covered: %d without a figure, %d without a bound%n",
                    all.noFigure(), all.noBound());
        }
        if (all.worstMiss() != null && all.worstMiss() > 0) {
            out.printf(Locale.ROOT, "  worst miss: the truth %.1f ms outside measured ± bound%n", all.worstMiss());
        }
        out.printf(Locale.ROOT, "  bound: mean %s ms, largest %s ms; target <= %d ms at sample-every %s: %s%n",
                fixed(all.meanBound()), all.largestBound() == null ? "-" : all.largestBound(), boundTargetMs,
                Durations.text(BOUND_TARGET_SAMPLING), boundVerdict(all));
        out.printf(Locale.ROOT, "  extra probes per second: mean %s, max %s (%d extra probes, %d regular probe samples)%n",
                fixed(load.meanPerSecond()), fixed(load.maxPerSecond()), load.extraProbes(), load.probeSamples());
        Map<String, Long> sources = runs.stream().filter(RunFigures::usable)
                .collect(Collectors.groupingBy(r -> r.bounds().source(), LinkedHashMap::new, Collectors.counting()));
        sources.forEach((source, n) -> out.printf(Locale.ROOT, "  bounds read from %s: %d run(s)%n", source, n));
    }

    private boolean coverageMet(Cover all) {
        return all.judged() > 0 && all.covered() == all.judged();
    }

    /** The bound target holds for the sampling it is stated for; at another sampling it is shown, not judged. */
    private String boundVerdict(Cover all) {
        if (!sampleEvery.equals(BOUND_TARGET_SAMPLING)) {
            return "not judged (sampled every " + Durations.text(sampleEvery) + ")";
        }
        if (all.largestBound() == null) {
            return "NOT MET (no bound)";
        }
        return all.largestBound() <= boundTargetMs && all.noBound() == 0 ? "MET" : "NOT MET";
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
                stats.put("coverage", coverJson(Cover.of(ofCase(c), List.of(f))));
                figures.put(f.label(), stats);
            }
            json.put("figures", figures);
            json.put("runs", ofCase(c).stream().map(AccuracyReport::runJson).toList());
            out.add(json);
        }
        root.put("cases", out);
        Cover all = Cover.of(runs, List.of(Figure.values()));
        Load load = Load.of(runs);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runsJudged", runs.stream().filter(RunFigures::usable).count());
        summary.put("runsNotJudged", runs.stream().filter(r -> !r.usable()).count());
        summary.put("coverage", coverJson(all));
        summary.put("coverageTargetMet", coverageMet(all));
        summary.put("boundTargetMs", boundTargetMs);
        summary.put("boundTargetSampleEvery", Durations.text(BOUND_TARGET_SAMPLING));
        summary.put("boundTarget", boundVerdict(all));
        Map<String, Object> probes = new LinkedHashMap<>();
        probes.put("extraProbesPerSecondMean", load.meanPerSecond());
        probes.put("extraProbesPerSecondMax", load.maxPerSecond());
        probes.put("extraProbes", load.extraProbes());
        probes.put("probeSamples", load.probeSamples());
        summary.put("probeLoad", probes);
        root.put("summary", summary);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    private static Map<String, Object> coverJson(Cover c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("judged", c.judged());
        m.put("covered", c.covered());
        m.put("percent", finite(c.percent()));
        m.put("coveredOnlyWithTruthUncertainty", c.onlyWithTruth());
        m.put("coveredWithTruthUncertainty", c.coveredWithTruth());
        m.put("withoutFigure", c.noFigure());
        m.put("withoutBound", c.noBound());
        m.put("meanBoundMs", c.meanBound());
        m.put("largestBoundMs", c.largestBound());
        m.put("worstMissMs", c.worstMiss());
        return m;
    }

    /** A run as its record, plus per figure: truth and its interval, measured and bound, and the judgment. */
    private static Map<String, Object> runJson(RunFigures r) {
        Map<String, Object> m = JSON.convertValue(r, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        if (!r.usable()) {
            return m;
        }
        Map<String, Object> judged = new LinkedHashMap<>();
        for (Figure f : Figure.values()) {
            Range truth = r.truthRange(f);
            Coverage c = r.coverage(f);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("truthMs", truth.best());
            j.put("truthExact", truth.exact());
            j.put("truthLoMs", truth.lo());
            j.put("truthHiMs", truth.hi());
            j.put("measuredMs", r.measured(f));
            j.put("boundMs", r.bound(f));
            j.put("errorMs", r.error(f));
            j.put("inside", c.inside());
            j.put("overlapsTruthInterval", c.overlaps());
            j.put("missMs", c.missMs());
            j.put("notJudgedBecause", c.why());
            judged.put(f.label(), j);
        }
        m.put("judged", judged);
        return m;
    }

    private List<RunFigures> ofCase(AccuracyCase c) {
        return runs.stream().filter(r -> r.caseName().equals(c.name())).toList();
    }

    private static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
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
