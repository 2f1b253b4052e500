package dev.faultline.api;

/**
 * How a measured figure is compared with a bound in {@code slo} and {@code connections}: {@code <}, {@code <=},
 * {@code >}, {@code >=}.
 *
 * <pre>{@code
 * Objectives.slo().errorRate(Comparison.BELOW, Percent.of(1))
 * }</pre>
 */
public enum Comparison {
    /** {@code <}. */
    BELOW("<"),
    /** {@code <=}. */
    AT_MOST("<="),
    /** {@code >}. */
    ABOVE(">"),
    /** {@code >=}. */
    AT_LEAST(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** {@code < 1%}: the bound as the scenario format writes it. */
    String bound(String value) {
        return symbol + " " + value;
    }
}
