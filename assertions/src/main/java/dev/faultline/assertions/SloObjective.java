package dev.faultline.assertions;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.faultline.engine.measure.LoadMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code slo: {error-rate: "< 5%", p99-latency: "< 2s", throughput: "> 15/s", during-faults: {...}}}: bounds on
 * the load's own figures over the whole run, one check {@code slo.<key>} per bound, and, under
 * {@code during-faults}, bounds on the figures of the items submitted inside the fault windows (see
 * {@link Measurements}), one check {@code slo.during-faults.<key>} per bound. A run that sent nothing there (or got
 * no answer, for latencies) meets no bound.
 */
public record SloObjective(List<Bound> bounds) implements Objective {
    public SloObjective {
        bounds = List.copyOf(bounds);
    }

    @Override
    public String name() {
        return "slo";
    }

    @Override
    public List<Check> evaluate(RunRecord run, Measurements figures) {
        return bounds.stream().map(b -> b.check(figures)).toList();
    }

    /**
     * One bound: {@code metric comparison threshold}, the threshold in the metric's unit (a fraction for the error
     * rate, milliseconds for latencies, items per second for throughput).
     */
    public record Bound(Metric metric, Comparison comparison, double threshold, Scope scope) {
        public Bound {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(scope, "scope");
            if (!Double.isFinite(threshold) || threshold < 0) {
                throw new IllegalArgumentException("slo." + metric.key() + " needs a threshold of 0 or more, but was "
                        + threshold);
            }
        }

        /** A bound over the whole run. */
        public Bound(Metric metric, Comparison comparison, double threshold) {
            this(metric, comparison, threshold, Scope.OVERALL);
        }

        /**
         * {@code slo.<key>} or {@code slo.during-faults.<key>}: the bound judged on the run's figures. A run that
         * sent nothing there (or got no answer, for latencies) does not meet it.
         */
        public Check check(Measurements figures) {
            String name = "slo." + scope.prefix() + metric.key();
            LoadMeasure load = scope == Scope.OVERALL ? figures.load() : figures.loadDuringFaults();
            if (load == null) {
                return new Check(name, expected(), "no fault was injected", false);
            }
            Double value = load.sent() == 0 ? null : metric.value(load);
            if (value == null) {
                String none = load.sent() > 0 ? "no answers"
                        : scope == Scope.OVERALL ? "no load sent" : "no load sent inside the fault windows";
                return new Check(name, expected(), none, false);
            }
            return new Check(name, expected(), metric.format(value), comparison.test(value, threshold));
        }

        /** {@code < 5%}, {@code < 2s}, {@code > 15/s}. */
        public String expected() {
            return comparison.symbol() + " " + metric.format(threshold);
        }
    }

    /** Which items a bound judges: all of the run's, or those submitted inside the fault windows. */
    public enum Scope {
        OVERALL(""), DURING_FAULTS("during-faults.");

        private final String prefix;

        Scope(String prefix) {
            this.prefix = prefix;
        }

        /** What the check's name carries after {@code slo.}: nothing, or {@code during-faults.}. */
        public String prefix() {
            return prefix;
        }
    }

    public enum Metric {
        ERROR_RATE("error-rate", LoadMeasure::errorRate, Figures::percent),
        P50_LATENCY("p50-latency", l -> millis(l.p50Ms()), v -> Durations.figure(Math.round(v))),
        P95_LATENCY("p95-latency", l -> millis(l.p95Ms()), v -> Durations.figure(Math.round(v))),
        P99_LATENCY("p99-latency", l -> millis(l.p99Ms()), v -> Durations.figure(Math.round(v))),
        THROUGHPUT("throughput", LoadMeasure::throughputPerSec, Figures::perSecond);

        private final String key;
        private final Function<LoadMeasure, Double> value;
        private final Function<Double, String> format;

        Metric(String key, Function<LoadMeasure, Double> value, Function<Double, String> format) {
            this.key = key;
            this.value = value;
            this.format = format;
        }

        /** The key under {@code slo:}. */
        public String key() {
            return key;
        }

        /** The run's figure, or null when there is none. */
        Double value(LoadMeasure load) {
            return value.apply(load);
        }

        String format(double v) {
            return format.apply(v);
        }

        private static Double millis(Long ms) {
            return ms == null ? null : ms.doubleValue();
        }
    }

    public enum Comparison {
        LESS("<"), AT_MOST("<="), GREATER(">"), AT_LEAST(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double actual, double threshold) {
            return switch (this) {
                case LESS -> actual < threshold;
                case AT_MOST -> actual <= threshold;
                case GREATER -> actual > threshold;
                case AT_LEAST -> actual >= threshold;
            };
        }

        static Comparison of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("expected one of <, <=, >, >= but was '" + symbol + "'");
        }
    }
}
