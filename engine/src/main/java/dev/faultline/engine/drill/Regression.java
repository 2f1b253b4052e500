package dev.faultline.engine.drill;

import java.util.List;
import java.util.Objects;

/**
 * {@code regression:} of a drill file: each scenario's figures in this drill may grow by at most {@code mayGrow} over
 * the median of the same scenario's figure in the last {@code compareWith} ended drills of the same name.
 */
public record Regression(int compareWith, List<Bound> bounds) {
    public static final int MAX_COMPARE_WITH = 100;

    public Regression {
        if (compareWith < 1 || compareWith > MAX_COMPARE_WITH) {
            throw new IllegalArgumentException("compare-with must be between 1 and " + MAX_COMPARE_WITH
                    + ", but was " + compareWith);
        }
        bounds = List.copyOf(bounds);
    }

    /** {@code - figure: rto, may-grow: 20%}. */
    public record Bound(TrendFigure figure, Growth mayGrow) {
        public Bound {
            Objects.requireNonNull(figure, "figure");
            Objects.requireNonNull(mayGrow, "may-grow");
        }
    }

    /**
     * How much a figure may grow over the median: by a share of it ({@code 20%}: {@code percent} = 20, absolute 0),
     * by an absolute amount ({@code 500ms} for a time, {@code 2} for a count: {@code percent} null), or by the larger
     * of both ({@code 20% or 2s}: a floor under the share, so a short RTO's run-to-run noise breaks no bound).
     */
    public record Growth(Double percent, long absolute) {
        public Growth {
            if (percent != null && (percent.isNaN() || percent < 0 || percent > 10_000)) {
                throw new IllegalArgumentException("may-grow must be between 0% and 10000%, but was " + percent + "%");
            }
            if (absolute < 0) {
                throw new IllegalArgumentException("may-grow must not be negative, but was " + absolute);
            }
        }

        public static Growth percent(double percent) {
            return new Growth(percent, 0);
        }

        public static Growth absolute(long amount) {
            return new Growth(null, amount);
        }
    }
}
