package dev.faultline.injectors.clock;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;
import dev.faultline.injectors.Formats;

/**
 * Reads {@code type: clock-skew} with {@code offset: +30s} (signed: {@code +30s}, {@code -30s}, {@code +1500ms},
 * {@code -2m}, {@code +1h}; not zero; at most {@link #MAX_OFFSET} either way). {@code duration} is required.
 */
public final class ClockSkewType implements FaultType {
    /** How far a clock may be moved either way. */
    static final Duration MAX_OFFSET = Duration.ofDays(365);
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,12}(?:\\.\\d{1,9})?)(ms|s|m|h)");
    private static final String EXPECTED = "expected a signed duration like +30s, -30s or +1500ms (units ms, s, m, h)";

    @Override
    public String type() {
        return "clock-skew";
    }

    @Override
    public DurationRule durationRule() {
        return DurationRule.REQUIRED;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        with.allowOnly("offset");
        return new ClockSkew(offset(with), duration);
    }

    private static Duration offset(Params with) {
        String text = with.required("offset").trim();
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            throw with.invalid("offset", EXPECTED + " but was '" + Formats.shown(text) + "'");
        }
        java.math.BigDecimal nanosPerUnit = java.math.BigDecimal.valueOf(switch (m.group(3)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        });
        java.math.BigDecimal nanos = new java.math.BigDecimal(m.group(2)).multiply(nanosPerUnit);
        if (nanos.compareTo(java.math.BigDecimal.valueOf(MAX_OFFSET.toNanos())) > 0) {
            throw with.invalid("offset", "expected at most 365 days either way (8760h) but was '" + Formats.shown(text) + "'");
        }
        long whole = nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        if (whole == 0) {
            throw with.invalid("offset", "expected a clock moved by more than 0 (e.g. +30s) but was '" + Formats.shown(text) + "'");
        }
        return Duration.ofNanos(m.group(1).equals("-") ? -whole : whole);
    }

}
