package dev.faultline.injectors;

import java.math.BigDecimal;
import java.time.Duration;

import dev.faultline.engine.model.Units;

/** Values written back the way a scenario writes them, for {@code describe()} and messages. */
final class Formats {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    private Formats() {
    }

    /** {@code 250ms}, {@code 10s}, {@code 0s}; fractions of a millisecond as {@code 0.5ms}. */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanos() % 1_000_000 != 0) {
            return BigDecimal.valueOf(d.toNanos()).movePointLeft(6).stripTrailingZeros().toPlainString() + "ms";
        }
        return Units.format(d);
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
}
