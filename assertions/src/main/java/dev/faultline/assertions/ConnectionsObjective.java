package dev.faultline.assertions;

import java.util.List;
import java.util.Objects;

import dev.faultline.engine.measure.ConnectionMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code connections: { service: rabbitmq, peak-rate: "<= 10/s", mean-rate: "<= 3/s" }}: bounds on the connection
 * attempts at the fault proxy in front of a service (the load retries put on it, see {@link ConnectionMeasure}), one
 * check {@code connections[<service>].<key>} per bound. {@code peak-rate}: the most attempts in one 1 s window of the
 * run; {@code mean-rate}: attempts per second inside the fault windows. A service whose proxy was never sampled, or
 * (for {@code mean-rate}) a run without an injected fault, meets no bound.
 */
public record ConnectionsObjective(List<Bound> bounds) implements Objective {
    public ConnectionsObjective {
        bounds = List.copyOf(bounds);
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public List<Check> evaluate(RunRecord run, Measurements figures) {
        List<ConnectionMeasure> measured = ConnectionMeasure.of(run, figures);
        return bounds.stream().map(b -> b.check(measured)).toList();
    }

    /** One bound on one service's figure, the threshold in attempts per second. */
    public record Bound(String service, Metric metric, SloObjective.Comparison comparison, double perSecond) {
        public Bound {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(comparison, "comparison");
            if (!Double.isFinite(perSecond) || perSecond < 0) {
                throw new IllegalArgumentException("connections[" + service + "]." + metric.key()
                        + " needs a rate of 0 or more, but was " + perSecond);
            }
        }

        /** {@code connections[rabbitmq].peak-rate}, judged on the run's figures. */
        public Check check(List<ConnectionMeasure> measured) {
            String name = "connections[" + service + "]." + metric.key();
            String expected = comparison.symbol() + " " + Figures.perSecond(perSecond);
            ConnectionMeasure m = measured.stream().filter(c -> c.service().equals(service)).findFirst().orElse(null);
            if (m == null) {
                return new Check(name, expected, "not sampled (the fault proxy never answered)", false);
            }
            Double value = metric == Metric.PEAK_RATE ? Double.valueOf(m.peakPerSec()) : m.meanPerSecDuringFaults();
            if (value == null) {
                return new Check(name, expected, "no fault was injected", false);
            }
            return new Check(name, expected, Figures.perSecond(value), comparison.test(value, perSecond));
        }
    }

    public enum Metric {
        /** The most attempts in one 1 s window of the run. */
        PEAK_RATE("peak-rate"),
        /** Attempts per second inside the fault windows. */
        MEAN_RATE("mean-rate");

        private final String key;

        Metric(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
