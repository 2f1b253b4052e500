package dev.faultline.reports.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.faultline.engine.drill.Regression;
import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.model.Durations;

/**
 * The one regression rule of a drill, pure: for each scenario of this drill and each bound, the figure's values in
 * the last {@code compare-with} earlier drills (those that measured it) make a median (an even count: the mean of
 * the middle two, rounded half up); the bound allows {@code median + median × percent / 100} (rounded down; with a floor, at least the floor) or
 * {@code median + absolute}. This drill's value above that breaks the bound; so does no value at all against a
 * median (an RTO: a fault that never recovered). With no earlier value there is nothing to compare with: the check
 * says so and is met.
 */
public final class Regressions {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Regressions() {
    }

    /**
     * One check per (scenario of {@code current}, bound), scenarios in the order of {@code current}, bounds in the
     * order of {@code regression}.
     *
     * @param current this drill's scenario runs (a scenario run twice: its last run counts)
     * @param earlier earlier ended drills of the same name, newest first ({@link History#earlierDrills}); only the
     *                first {@code regression.compareWith()} count
     */
    public static List<RegressionCheck> judge(Regression regression, List<RunRow> current, List<DrillRecord> earlier) {
        Map<String, RunRow> byScenario = new LinkedHashMap<>();
        for (RunRow row : current) {
            byScenario.put(row.scenario(), row);
        }
        List<DrillRecord> compared = earlier.subList(0, Math.min(regression.compareWith(), earlier.size()));
        List<RegressionCheck> checks = new ArrayList<>();
        for (RunRow row : byScenario.values()) {
            for (Regression.Bound bound : regression.bounds()) {
                checks.add(check(row, bound, compared));
            }
        }
        return checks;
    }

    private static RegressionCheck check(RunRow row, Regression.Bound bound, List<DrillRecord> compared) {
        TrendFigure figure = bound.figure();
        List<Long> values = new ArrayList<>();
        List<Long> drillRuns = new ArrayList<>();
        for (DrillRecord drill : compared) {
            Long value = lastValue(drill, row.scenario(), figure);
            if (value != null) {
                values.add(value);
                drillRuns.add(drill.id());
            }
        }
        Long actual = row.figure(figure);
        String what = row.scenario() + " " + figure.yamlName();
        if (values.isEmpty()) {
            return new RegressionCheck(row.scenario(), figure, actual, null, null, List.of(), true, what + " "
                    + text(figure, actual) + ": no earlier drill measured it (of " + compared.size()
                    + " compared), nothing to compare with");
        }
        long median = median(values);
        long limit = limit(median, bound.mayGrow());
        boolean met = actual != null && actual <= limit;
        String against = "the median " + text(figure, median) + " of drill runs " + ids(drillRuns) + " + "
                + growth(figure, bound.mayGrow()) + " = " + text(figure, limit);
        String message = actual == null
                ? what + " " + text(figure, null) + ": regressed against " + against
                : met ? what + " " + text(figure, actual) + " is within " + against
                : what + " " + text(figure, actual) + " regressed: over " + against;
        return new RegressionCheck(row.scenario(), figure, actual, median, limit, drillRuns, met, message);
    }

    /** The figure of the scenario's last run in {@code drill}; null when it did not run or measure it. */
    private static Long lastValue(DrillRecord drill, String scenario, TrendFigure figure) {
        Long value = null;
        boolean ran = false;
        for (RunRow row : drill.runs()) {
            if (row.scenario().equals(scenario)) {
                value = row.figure(figure);
                ran = true;
            }
        }
        return ran ? value : null;
    }

    /**
     * The median: the middle value, or the mean of the middle two (rounded half up) for an even count. The trend
     * chart's median line is this one too.
     */
    public static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return BigDecimal.valueOf(sorted.get(n / 2 - 1)).add(BigDecimal.valueOf(sorted.get(n / 2)))
                .divide(BigDecimal.valueOf(2), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * The most a value may be: the median grown by a share of it (rounded down), by an absolute amount, or by the
     * larger of both.
     */
    static long limit(long median, Regression.Growth growth) {
        if (growth.percent() == null) {
            return median + growth.absolute();
        }
        BigDecimal grown = BigDecimal.valueOf(median).multiply(BigDecimal.valueOf(growth.percent()))
                .divide(HUNDRED, 0, RoundingMode.FLOOR);
        return median + Math.max(grown.longValueExact(), growth.absolute());
    }

    private static String growth(TrendFigure figure, Regression.Growth growth) {
        if (growth.percent() == null) {
            return text(figure, growth.absolute());
        }
        String share = BigDecimal.valueOf(growth.percent()).stripTrailingZeros().toPlainString() + "%";
        return growth.absolute() == 0 ? share : "(" + share + " or " + text(figure, growth.absolute()) + ")";
    }

    private static String text(TrendFigure figure, Long value) {
        if (value == null) {
            return figure == TrendFigure.RTO ? "never recovered" : "not measured";
        }
        return figure.isTime() ? Durations.figure(value) : String.valueOf(value);
    }

    private static String ids(List<Long> drillRuns) {
        return drillRuns.stream().map(id -> "#" + id).collect(Collectors.joining(", "));
    }
}
