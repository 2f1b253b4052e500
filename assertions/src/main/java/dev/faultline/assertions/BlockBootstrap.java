package dev.faultline.assertions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import dev.faultline.engine.measure.LoadFigures;

/**
 * The statistical test of {@code back-to-normal}: is the load after the recovery worse than before the first fault by
 * more than a tolerance? A one-sided test per {@link Metric}, by a percentile bootstrap over one-second blocks.
 *
 * <p>Each window is cut into blocks of one second. A resample draws as many blocks as the window has, with
 * replacement, from each window on its own, pools their items and computes every metric on both pools. A metric's
 * <i>excess</i> is how far the after-window is past its allowance ({@link Metric#excess}); its p-value is the share of
 * resamples (plus one, over resamples plus one) whose excess is 0 or less. A metric is degraded when its excess on the
 * windows themselves is above 0 and its p-value is below {@code significance / 4} (Bonferroni over the four metrics, so
 * the objective as a whole raises a false alarm with probability at most {@code significance}, as far as the blocks
 * are independent). Resampling whole blocks keeps the dependence between items close in time (a slow second slows
 * every item in it) inside a block, where resampling items would treat them as independent and understate the
 * variance.
 *
 * <p>Deterministic: the resamples are drawn from {@code seed}. Immutable settings; every call owns its state.
 *
 * @param tolerance      the relative change allowed to throughput and latencies ({@code 0.25}: 25 %)
 * @param errorTolerance the absolute rise allowed to the error rate ({@code 0.01}: one percentage point)
 * @param significance   the objective's false-alarm bound, over its four metrics
 * @param resamples      how many bootstrap resamples
 */
public record BlockBootstrap(double tolerance, double errorTolerance, double significance, int resamples) {
    /** Resamples drawn unless told otherwise: enough for a p-value down to 1/2001 (significance 1 % over 4: 0.25 %). */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** Latencies this close are never a degradation, whatever the ratio (timer resolution, scheduling). */
    public static final double LATENCY_SLACK_MS = 10;

    public BlockBootstrap {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be at least 0% and below 100%, but was " + tolerance);
        }
        if (!(errorTolerance >= 0 && errorTolerance < 1)) {
            throw new IllegalArgumentException("errorTolerance must be at least 0% and below 100%, but was "
                    + errorTolerance);
        }
        if (!(significance > 0 && significance < 0.5)) {
            throw new IllegalArgumentException("significance must be greater than 0% and below 50%, but was "
                    + significance);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100, but was " + resamples);
        }
    }

    /** The significance each metric is tested at: {@code significance / 4}. */
    public double perMetric() {
        return significance / Metric.values().length;
    }

    /**
     * Compares {@code after} with {@code before}; both need at least one block.
     *
     * @return each metric's figures, in {@link Metric} order
     */
    public Map<Metric, Outcome> compare(List<Block> before, List<Block> after, long seed) {
        if (before.isEmpty() || after.isEmpty()) {
            throw new IllegalArgumentException("both windows need a block; before " + before.size() + ", after "
                    + after.size());
        }
        Metric[] metrics = Metric.values();
        double[] beforeValues = values(before);
        double[] afterValues = values(after);
        int[] notExceeded = new int[metrics.length];
        SplittableRandom random = new SplittableRandom(seed);
        List<Block> b = new ArrayList<>(before.size());
        List<Block> a = new ArrayList<>(after.size());
        for (int r = 0; r < resamples; r++) {
            draw(before, b, random);
            draw(after, a, random);
            double[] vb = values(b);
            double[] va = values(a);
            for (Metric m : metrics) {
                if (!(m.excess(vb[m.ordinal()], va[m.ordinal()], this) > 0)) {
                    notExceeded[m.ordinal()]++;
                }
            }
        }
        Map<Metric, Outcome> out = new EnumMap<>(Metric.class);
        for (Metric m : metrics) {
            double vb = beforeValues[m.ordinal()];
            double va = afterValues[m.ordinal()];
            double p = (notExceeded[m.ordinal()] + 1.0) / (resamples + 1.0);
            out.put(m, new Outcome(vb, va, m.limit(vb, this), p, m.excess(vb, va, this) > 0 && p < perMetric()));
        }
        return out;
    }

    private static void draw(List<Block> from, List<Block> into, SplittableRandom random) {
        into.clear();
        for (int i = 0; i < from.size(); i++) {
            into.add(from.get(random.nextInt(from.size())));
        }
    }

    /** Every metric over the pooled items of {@code blocks}, by {@link Metric#ordinal()}. */
    static double[] values(List<Block> blocks) {
        int n = 0;
        long sent = 0;
        long errors = 0;
        long done = 0;
        for (Block block : blocks) {
            n += block.latenciesMs().length;
            sent += block.sent();
            errors += block.errors();
            done += block.done();
        }
        long[] pooled = new long[n];
        int at = 0;
        for (Block block : blocks) {
            System.arraycopy(block.latenciesMs(), 0, pooled, at, block.latenciesMs().length);
            at += block.latenciesMs().length;
        }
        Arrays.sort(pooled);
        double[] values = new double[Metric.values().length];
        values[Metric.THROUGHPUT.ordinal()] = (double) done / blocks.size();
        values[Metric.P50_LATENCY.ordinal()] = latency(LoadFigures.percentile(pooled, 50));
        values[Metric.P99_LATENCY.ordinal()] = latency(LoadFigures.percentile(pooled, 99));
        values[Metric.ERROR_RATE.ordinal()] = sent == 0 ? 0.0 : (double) errors / sent;
        return values;
    }

    /** Milliseconds; {@link Block#NEVER} is infinite; no item: NaN. */
    private static double latency(Long ms) {
        if (ms == null) {
            return Double.NaN;
        }
        return ms == Block.NEVER ? Double.POSITIVE_INFINITY : ms;
    }

    /**
     * One second of a window.
     *
     * @param latenciesMs the latency of every item submitted in it that has one ({@link #NEVER}: never done)
     * @param sent        items submitted in it
     * @param errors      of those, the ones not accepted
     * @param done        items done in it (answered 2xx, or first seen completed: see {@code basis}), whenever
     *                    submitted
     */
    public record Block(long[] latenciesMs, int sent, int errors, int done) {
        /** The latency of an item never done. */
        public static final long NEVER = Long.MAX_VALUE;

        public Block {
            Objects.requireNonNull(latenciesMs, "latenciesMs");
            if (sent < 0 || errors < 0 || errors > sent || done < 0) {
                throw new IllegalArgumentException("block: expected 0 <= errors <= sent and done >= 0, but was sent "
                        + sent + ", errors " + errors + ", done " + done);
            }
        }
    }

    /**
     * One metric's figures.
     *
     * @param before   on the window before the first fault (items a second, ms, or a fraction); NaN when the window
     *                 holds no item to measure, infinite when the percentile falls on items never done
     * @param after    the same after the recovery
     * @param limit    the worst {@code after} allowed: the allowance computed from {@code before}
     * @param pValue   the share of resamples in which the after-window stayed within the allowance
     * @param degraded whether the after-window is past the allowance at the per-metric significance
     */
    public record Outcome(double before, double after, double limit, double pValue, boolean degraded) {
    }

    /** What is compared, each one-sided: only a change for the worse counts. */
    public enum Metric {
        /** Items done per second (a fall is worse). */
        THROUGHPUT("throughput"),
        /** Median latency (a rise is worse). */
        P50_LATENCY("p50-latency"),
        /** 99th percentile latency, nearest rank (a rise is worse). */
        P99_LATENCY("p99-latency"),
        /** Share of the items sent that were not accepted (a rise is worse). */
        ERROR_RATE("error-rate");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        /** Its name in check names and {@code result.json}: {@code p99-latency}. */
        public String key() {
            return key;
        }

        /**
         * The worst value of the after-window allowed given the before-window's: throughput
         * {@code before × (1 - tolerance)}; a latency {@code before × (1 + tolerance)}, at least
         * {@code before + 10ms}; the error rate {@code before + errorTolerance}.
         */
        public double limit(double before, BlockBootstrap test) {
            return switch (this) {
                case THROUGHPUT -> before * (1 - test.tolerance());
                case P50_LATENCY, P99_LATENCY -> Math.max(before * (1 + test.tolerance()), before + LATENCY_SLACK_MS);
                case ERROR_RATE -> before + test.errorTolerance();
            };
        }

        /**
         * How far {@code after} is past the limit, in the metric's unit: above 0 is worse than allowed. An
         * after-window with nothing to measure (NaN) is past any limit; a before-window with nothing to measure
         * allows anything.
         */
        public double excess(double before, double after, BlockBootstrap test) {
            if (Double.isNaN(after)) {
                return Double.POSITIVE_INFINITY;
            }
            if (Double.isNaN(before)) {
                return Double.NEGATIVE_INFINITY;
            }
            double limit = limit(before, test);
            if (this == THROUGHPUT) {
                return limit - after;
            }
            if (Double.isInfinite(limit)) { // before already had items never done: after cannot be worse
                return Double.NEGATIVE_INFINITY;
            }
            return after - limit;
        }
    }
}
