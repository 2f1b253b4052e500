package dev.faultline.proxy.toxics;

import java.math.BigDecimal;

/** Formats floating-point numbers the way Go's encoding/json does, so JSON output matches Toxiproxy's. */
public final class GoNumbers {
    private GoNumbers() {
    }

    /** A float32 as Go writes it: {@code 1}, {@code 0.5}, {@code 1e-7}. */
    public static String formatFloat32(float value) {
        return format(value, Float.toString(value));
    }

    /** A float64 as Go writes it. */
    public static String formatFloat64(double value) {
        return format(value, Double.toString(value));
    }

    private static String format(double value, String shortest) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        double abs = Math.abs(value);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) {
            String plain = new BigDecimal(shortest).toPlainString();
            if (plain.contains(".")) {
                plain = plain.replaceAll("0+$", "");
                if (plain.endsWith(".")) {
                    plain = plain.substring(0, plain.length() - 1);
                }
            }
            return plain.equals("-0") ? "-0" : plain;
        }
        // Go: 'e' format with the shortest mantissa, exponent without leading zeros ("1e-07" -> "1e-7").
        BigDecimal decimal = new BigDecimal(shortest);
        String mantissa = decimal.unscaledValue().abs().toString();
        int exponent = mantissa.length() - 1 - decimal.scale();
        String digits = mantissa.replaceAll("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        String m = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = value < 0 ? "-" : "";
        String exp = exponent < 0 ? "-" + Math.abs(exponent) : "+" + exponent;
        return sign + m + "e" + exp;
    }
}
