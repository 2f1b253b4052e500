package dev.faultline.assertions;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.spi.Objective;

/**
 * The one rule for a limit on a time figure that carries a bound ({@code v ± b}: the true value lies in
 * {@code [v - b, v + b]}), used by the {@code recovery} objective and by the Java assertions on time to detect,
 * recovery, outage and the halt's revert latency.
 *
 * <ul>
 * <li>Judged on the {@linkplain Judging#BOUND bound} (the default): met when {@code v + b <= limit}, i.e. even the
 * latest true value the samples allow is within the limit.</li>
 * <li>Judged on the {@linkplain Judging#MEASURED measured value} ({@code judge-on: measured}): met when
 * {@code v <= limit}.</li>
 * <li>Either way, when {@code v - b <= limit < v + b} the bound straddles the limit and the check's actual value says
 * so, with the span the true value lies in.</li>
 * <li>A figure without a bound (null: not known) is judged on its value and says nothing about straddling.</li>
 * </ul>
 *
 * @param limit   the largest value allowed
 * @param judging what is compared with it
 */
public record TimeLimit(Duration limit, Judging judging) {

    /** What a limit on a time figure is compared with. */
    public enum Judging {
        /** The figure plus its bound: met only when the truth is within the limit whatever it is in the bound. */
        BOUND,
        /** The measured figure alone. */
        MEASURED;

        /** As written in a scenario: {@code bound}, {@code measured}. */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TimeLimit {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(judging, "judging");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("a time limit must not be negative, but was " + limit);
        }
    }

    /** Judged on the bound. */
    public static TimeLimit of(Duration limit) {
        return new TimeLimit(limit, Judging.BOUND);
    }

    /** {@code <= 3s}, and how it is judged when that is on the measured value alone. */
    public String expected() {
        return "<= " + Durations.figure(limit) + (judging == Judging.MEASURED ? " (measured value)" : "");
    }

    /** Whether {@code ms ± boundMs} meets the limit. */
    public boolean met(long ms, Long boundMs) {
        long judged = judging == Judging.BOUND && boundMs != null ? ms + boundMs : ms;
        return judged <= limit.toMillis();
    }

    /** {@code ms ± boundMs} judged, as check {@code name} (the {@code recovery} objective's, a Java assertion's). */
    public Objective.Check check(String name, long ms, Long boundMs) {
        return new Objective.Check(name, expected(), actual(ms, boundMs), met(ms, boundMs), straddles(ms, boundMs));
    }

    /** Whether the span {@code [ms - boundMs, ms + boundMs]} has values on both sides of the limit. */
    public boolean straddles(long ms, Long boundMs) {
        return boundMs != null && boundMs > 0 && ms - boundMs <= limit.toMillis() && limit.toMillis() < ms + boundMs;
    }

    /**
     * The figure as a check shows it: {@code 2.95s ± 80ms}, and when it straddles the limit
     * {@code 2.95s ± 80ms (straddles the limit 3s: the true value is 2.87s..3.03s)}.
     */
    public String actual(long ms, Long boundMs) {
        String figure = Durations.figure(ms, boundMs);
        if (!straddles(ms, boundMs)) {
            return figure;
        }
        return figure + " (straddles the limit " + Durations.figure(limit) + ": the true value is "
                + Durations.figure(Math.max(0, ms - boundMs)) + ".." + Durations.figure(ms + boundMs) + ")";
    }
}
