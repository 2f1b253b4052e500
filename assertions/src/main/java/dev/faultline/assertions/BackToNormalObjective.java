package dev.faultline.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code back-to-normal: {window: 8s, settle: 2s, basis: completion, tolerance: 25%, error-tolerance: 1%,
 * significance: 1%}}: after the last recovery, the load must behave as it did before the first fault (see
 * {@link BackToNormal} for the windows, {@link BlockBootstrap} for the test). One check per metric,
 * {@code back-to-normal.throughput}, {@code .p50-latency}, {@code .p99-latency}, {@code .error-rate}; each fails when
 * the after-window is worse than its allowance at the per-metric significance, or when there is nothing to compare.
 */
public record BackToNormalObjective(BackToNormal.Basis basis, Duration window, Duration settle, BlockBootstrap test)
        implements Objective {
    public static final String NAME = "back-to-normal";

    public BackToNormalObjective {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(test, "test");
        if (window.toMillis() < BackToNormal.MIN_BLOCKS * BackToNormal.BLOCK_MS) {
            throw new IllegalArgumentException("back-to-normal.window must be at least " + BackToNormal.MIN_BLOCKS
                    + "s, but was " + Durations.figure(window));
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("back-to-normal.settle must not be negative, but was " + settle);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Check> evaluate(RunRecord run, Measurements figures) {
        BackToNormal.Judgement judgement = judge(run, figures);
        List<Check> checks = new ArrayList<>();
        for (BlockBootstrap.Metric m : BlockBootstrap.Metric.values()) {
            checks.add(judgement.problem() != null
                    ? new Check(checkName(m), expected(m), "nothing to compare: " + judgement.problem(), false)
                    : check(m, judgement.outcomes().get(m)));
        }
        return checks;
    }

    private BackToNormal.Judgement judge(RunRecord run, Measurements figures) {
        return BackToNormal.judge(run, figures, window.toMillis(), settle.toMillis(), basis, test);
    }

    /** {@code back-to-normal.p99-latency}. */
    public static String checkName(BlockBootstrap.Metric metric) {
        return NAME + "." + metric.key();
    }

    private String expected(BlockBootstrap.Metric m) {
        String bound = switch (m) {
            case THROUGHPUT -> "after >= before - " + Figures.percent(test.tolerance());
            case P50_LATENCY, P99_LATENCY -> "after <= before + " + Figures.percent(test.tolerance());
            case ERROR_RATE -> "after <= before + " + Figures.percent(test.errorTolerance());
        };
        return bound + " (one-sided, significance " + Figures.percent(test.perMetric()) + ")";
    }

    private Check check(BlockBootstrap.Metric m, BlockBootstrap.Outcome o) {
        String actual = "before " + format(m, o.before()) + ", after " + format(m, o.after()) + ", limit "
                + format(m, o.limit()) + ", p " + Figures.percent(o.pValue())
                + (o.degraded() ? ": degraded" : "");
        return new Check(checkName(m), expected(m), actual, !o.degraded());
    }

    static String format(BlockBootstrap.Metric m, double value) {
        if (Double.isNaN(value)) {
            return "none";
        }
        return switch (m) {
            case THROUGHPUT -> Figures.perSecond(value);
            case ERROR_RATE -> Figures.percent(value);
            case P50_LATENCY, P99_LATENCY -> Double.isInfinite(value) ? "never" : Durations.figure(Math.round(value));
        };
    }

    /** The figures written to {@code result.json} under {@code objectiveFigures.back-to-normal}. */
    @Override
    public Map<String, Object> figures(RunRecord run, Measurements figures) {
        BackToNormal.Judgement judgement = judge(run, figures);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("basis", basis.key());
        out.put("windowMs", window.toMillis());
        out.put("settleMs", settle.toMillis());
        out.put("tolerance", test.tolerance());
        out.put("errorTolerance", test.errorTolerance());
        out.put("significance", test.significance());
        out.put("resamples", test.resamples());
        out.put("before", window(judgement.windows().before()));
        out.put("after", window(judgement.windows().after()));
        out.put("problem", judgement.problem());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (BlockBootstrap.Metric m : BlockBootstrap.Metric.values()) {
            BlockBootstrap.Outcome o = judgement.outcomes().get(m);
            if (o != null) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("before", number(o.before()));
                f.put("after", number(o.after()));
                f.put("limit", number(o.limit()));
                f.put("pValue", o.pValue());
                f.put("degraded", o.degraded());
                metrics.put(m.key(), f);
            }
        }
        out.put("metrics", metrics);
        return out;
    }

    private static Map<String, Object> window(BackToNormal.Window w) {
        if (w == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fromMs", w.fromMs());
        m.put("toMs", w.toMs());
        m.put("blocks", w.blocks());
        return m;
    }

    /** JSON has no NaN or infinity: null. */
    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
