package dev.faultline.api;

import java.time.Duration;
import java.util.Objects;

import dev.faultline.engine.model.Durations;

/**
 * The {@code slo} objective: bounds on the load's own figures (error rate, latency percentiles, throughput) over the
 * whole run and, with {@link #duringFaults}, over the items submitted while faults acted.
 *
 * <pre>{@code
 * Objectives.slo().errorRateBelow(Percent.of(1)).p99LatencyBelow(ofSeconds(1)).throughputAtLeast(Rate.perSecond(18))
 *         .duringFaults(Objectives.slo().p99LatencyBelow(ofMillis(500)))
 * }</pre>
 */
public final class Slo extends SectionObjective {
    Slo(Settings fields) {
        super("slo", fields);
    }

    private Slo set(String key, Comparison comparison, String value) {
        return new Slo(fields.with(key, Objects.requireNonNull(comparison, "comparison").bound(value)));
    }

    /** {@code error-rate}: e.g. {@code errorRate(BELOW, Percent.of(1))} is {@code "< 1%"}. */
    public Slo errorRate(Comparison comparison, Percent rate) {
        return set("error-rate", comparison, rate.text());
    }

    /** {@code error-rate: "< rate"}. */
    public Slo errorRateBelow(Percent rate) {
        return errorRate(Comparison.BELOW, rate);
    }

    /** {@code p50-latency}. */
    public Slo p50Latency(Comparison comparison, Duration latency) {
        return set("p50-latency", comparison, Durations.text(latency));
    }

    /** {@code p95-latency}. */
    public Slo p95Latency(Comparison comparison, Duration latency) {
        return set("p95-latency", comparison, Durations.text(latency));
    }

    /** {@code p99-latency}. */
    public Slo p99Latency(Comparison comparison, Duration latency) {
        return set("p99-latency", comparison, Durations.text(latency));
    }

    /** {@code p99-latency: "< latency"}. */
    public Slo p99LatencyBelow(Duration latency) {
        return p99Latency(Comparison.BELOW, latency);
    }

    /** {@code throughput}: e.g. {@code throughput(AT_LEAST, Rate.perSecond(18))} is {@code ">= 18/s"}. */
    public Slo throughput(Comparison comparison, Rate rate) {
        return set("throughput", comparison, rate.text());
    }

    /** {@code throughput: ">= rate"}. */
    public Slo throughputAtLeast(Rate rate) {
        return throughput(Comparison.AT_LEAST, rate);
    }

    /** {@code during-faults}: the bounds of {@code window} over the items submitted while faults acted. */
    public Slo duringFaults(Slo window) {
        return new Slo(fields.with("during-faults", Objects.requireNonNull(window, "window").fields()));
    }
}
