package dev.faultline.api;

import java.math.BigDecimal;

/**
 * A percentage as a scenario writes it ({@code 5%}, {@code 0.1%}, {@code 100%}). Only a value that cannot be
 * written at all is refused here; whether it fits the field (above 0%, at most 100%) is checked when the scenario is
 * built, with the message a scenario file gets.
 *
 * <pre>{@code
 * Faults.network().latency(ofMillis(200)).toxicity(Percent.of(50))
 * }</pre>
 *
 * @param value the percentage: {@code 5} is 5%
 */
public record Percent(double value) {
    public Percent {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a percentage must be a finite number, but was " + value);
        }
    }

    /** {@code Percent.of(5)} is 5%. */
    public static Percent of(double value) {
        return new Percent(value);
    }

    /** As the scenario format writes it: {@code 5%}, {@code 12.5%}. */
    public String text() {
        return number(value) + "%";
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return text();
    }
}
