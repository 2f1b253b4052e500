package dev.faultline.injectors;

import java.math.BigDecimal;

import dev.faultline.engine.model.Excerpt;

/** Sizes and fractions written back the way a scenario writes them (durations: {@code Durations.text}). */
public final class Formats {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    private Formats() {
    }

    /** {@code 512B}, {@code 64KB}, {@code 1MB} (1 KB = 1024 bytes, as the scenario format reads them). */
    static String size(long bytes) {
        if (bytes != 0 && bytes % MB == 0) {
            return bytes / MB + "MB";
        }
        if (bytes != 0 && bytes % KB == 0) {
            return bytes / KB + "KB";
        }
        return bytes + "B";
    }

    /** {@code 0.05} as {@code 5%}, {@code 0.001} as {@code 0.1%}. */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** A value as an error message may show it: control characters as {@code ?}, at most 40 characters. */
    public static String shown(String text) {
        return Excerpt.of(text);
    }
}
