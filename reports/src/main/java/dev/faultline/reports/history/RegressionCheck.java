package dev.faultline.reports.history;

import java.util.List;
import java.util.Objects;

import dev.faultline.engine.drill.TrendFigure;

/**
 * One regression bound judged for one scenario of a drill ({@link Regressions#judge}).
 *
 * @param actual                this drill's value, null when not measured (an RTO: a fault never recovered)
 * @param median                the median of the earlier values, null when no earlier drill measured it
 * @param limit                 the most {@code actual} may be, null when there was nothing to compare with
 * @param comparedWithDrillRuns the drill runs whose values made the median, newest first
 * @param met                   whether the bound held (true when there was nothing to compare with)
 * @param message               one line that names the scenario, the figure, the values and the drill runs
 */
public record RegressionCheck(String scenario, TrendFigure figure, Long actual, Long median, Long limit,
                              List<Long> comparedWithDrillRuns, boolean met, String message) {
    public RegressionCheck {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(figure, "figure");
        comparedWithDrillRuns = List.copyOf(comparedWithDrillRuns);
        Objects.requireNonNull(message, "message");
    }
}
