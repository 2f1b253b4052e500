package dev.faultline.reports.history;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.run.Verdict;

/**
 * One scenario run as the history keeps it.
 *
 * @param drillRunId the drill run it belonged to, null for a run recorded outside a drill
 * @param drill      the drill's name, null outside a drill
 * @param runId      the run's id ({@code result.json}'s {@code run})
 * @param figures    each measured figure ({@link RunFigures}); a figure that was not measured is absent
 * @param reportDir  the run's folder, absolute
 */
public record RunRow(long id, Long drillRunId, String drill, String scenario, String runId, Instant startedAt,
                     Verdict verdict, Map<TrendFigure, Long> figures, String reportDir) {
    public RunRow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(verdict, "verdict");
        EnumMap<TrendFigure, Long> copy = new EnumMap<>(TrendFigure.class);
        copy.putAll(figures);
        figures = Collections.unmodifiableMap(copy);
    }

    /** The figure's value, or null when it was not measured. */
    public Long figure(TrendFigure figure) {
        return figures.get(figure);
    }
}
