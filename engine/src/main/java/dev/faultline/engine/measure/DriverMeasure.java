package dev.faultline.engine.measure;

import java.util.List;
import java.util.Objects;

import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * A load driver's own account of the load it ran, as the driver itself measured it (Gatling's statistics), beside
 * the ledger's: its totals ({@link TimelineEvent.DriverReport}) and its figures for each second it ran
 * ({@link TimelineEvent.LoadSecond}). The one definition of these figures, used by {@code result.json} and the
 * reports. A driver that keeps no statistics of its own (the built-in {@code ledger} driver) records no
 * {@code DriverReport}, and a run of it has no such measure.
 *
 * <p>When a run recorded more than one {@code DriverReport}, the last one counts; the seconds are those its driver
 * recorded, in time order.
 *
 * @param driver     the driver's name ({@code gatling})
 * @param simulation the simulation it ran (a class name), or null when it names none
 * @param requests   every request it sent
 * @param ok         the requests it counted as a success (for the built-in simulation: a 2xx answer)
 * @param ko         the others
 * @param p50Ms      the response time percentiles over every request, or null when it has none
 * @param report     its own report, relative to the run's directory ({@code gatling/index.html}), or null
 * @param perSecond  its figures for each second, in time order
 */
public record DriverMeasure(String driver, String simulation, long requests, long ok, long ko, Integer p50Ms,
                            Integer p95Ms, Integer p99Ms, String report, List<Second> perSecond) {

    public DriverMeasure {
        Objects.requireNonNull(driver, "driver");
        perSecond = List.copyOf(perSecond);
    }

    /**
     * One second of the driver's figures: the requests answered OK and KO in the second starting at {@code t} (ms
     * on the run's timeline), and the response time percentiles of the OK ones (null when there was none).
     */
    public record Second(long t, long ok, long ko, Integer p50Ms, Integer p95Ms, Integer p99Ms) {
    }

    /** The driver's figures of {@code run}; null when no driver recorded a report of its own. */
    public static DriverMeasure of(RunRecord run) {
        List<TimelineEvent.DriverReport> reports = run.timeline().events(TimelineEvent.DriverReport.class, r -> true);
        if (reports.isEmpty()) {
            return null;
        }
        TimelineEvent.DriverReport r = reports.get(reports.size() - 1);
        List<Second> seconds = run.timeline()
                .events(TimelineEvent.LoadSecond.class, s -> s.driver().equals(r.driver())).stream()
                .map(s -> new Second(s.t(), s.ok(), s.ko(), s.p50Ms(), s.p95Ms(), s.p99Ms())).toList();
        return new DriverMeasure(r.driver(), r.simulation(), r.requests(), r.ok(), r.ko(), r.p50Ms(), r.p95Ms(),
                r.p99Ms(), r.report(), seconds);
    }
}
