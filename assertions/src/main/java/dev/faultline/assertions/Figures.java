package dev.faultline.assertions;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How objectives write figures for people: {@code 1.5%}, {@code 19.8/s} (durations: {@code Durations.figure}). */
public final class Figures {
    private Figures() {
    }

    /** A fraction as a percentage with up to two decimals: 0.015 is {@code 1.5%}. */
    public static String percent(double fraction) {
        return decimal(fraction * 100) + "%";
    }

    /** A rate with up to two decimals: {@code 19.8/s}. */
    public static String perSecond(double rate) {
        return decimal(rate) + "/s";
    }

    /** A list of names: {@code worker, orchestrator}. */
    static String names(java.util.Collection<String> names) {
        return String.join(", ", names);
    }

    private static String decimal(double value) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
