package dev.faultline.reports.html;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Text and numbers as they go into the page: every text escaped, every coordinate short. */
final class Html {
    private Html() {
    }

    /** {@code s} safe inside an element and inside a quoted attribute; null is empty. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A coordinate to one decimal, without a trailing {@code .0}: {@code 12}, {@code 12.5}. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return BigDecimal.valueOf(tenths, 1).toPlainString();
    }

    /** A ratio as a percentage with up to two decimals: {@code 0%}, {@code 1.25%}. */
    static String percent(double ratio) {
        BigDecimal p = BigDecimal.valueOf(ratio * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return (p.signum() == 0 ? "0" : p.toPlainString()) + "%";
    }
}
