package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Connection attempts at the fault proxy in front of one service: the client connections it accepted (see
 * {@link TimelineEvent.Connections}), the load that retries put on a dependency. The one definition of these figures,
 * used by the {@code connections} objective, {@code result.json} and the reports.
 *
 * <p>The count at time {@code x} is that of the last sample at or before {@code x} (before the first sample: the
 * first sample's). <i>Peak rate</i>: the most attempts in any 1 s window {@code (t - 1 s, t]} that ends at a sample
 * (the count only changes there, so no other window holds more); samples come every {@code sample-every}, so a
 * window is exact to within one {@code sample-every}. <i>During faults</i>: the attempts inside the union of the
 * fault windows, each from the fault's injection to its recovery point and at least to its revert (the windows of
 * {@code slo.during-faults}, see {@link Measurements}; a window still open ends with the run's last event); its mean rate
 * is per second of that union.
 *
 * @param service            the service the proxy stands in front of ({@code rabbitmq})
 * @param accepted           attempts between the first and the last sample of the run
 * @param peakPerSec         the most attempts in one 1 s window
 * @param peakAtMs           the end of that window on the timeline clock; -1 when no attempt was seen
 * @param duringFaults       attempts inside the fault windows; 0 when no fault was injected
 * @param faultWindowMs      the length of the union of the fault windows (ms); 0 when no fault was injected
 */
public record ConnectionMeasure(String service, long accepted, long peakPerSec, long peakAtMs, long duringFaults,
                                long faultWindowMs) {
    /** The width of the windows of the peak rate. */
    public static final long WINDOW_MS = 1000;

    public ConnectionMeasure {
        Objects.requireNonNull(service, "service");
    }

    /** Attempts per second inside the fault windows; null when no fault was injected. */
    public Double meanPerSecDuringFaults() {
        return faultWindowMs <= 0 ? null : duringFaults * 1000.0 / faultWindowMs;
    }

    /** The figures of every service whose proxy was sampled, in the order each was first sampled. */
    public static List<ConnectionMeasure> of(RunRecord run, Measurements figures) {
        Map<String, List<TimelineEvent.Connections>> byService = new LinkedHashMap<>();
        for (TimelineEvent.Connections c : run.timeline().events(TimelineEvent.Connections.class, c -> true)) {
            byService.computeIfAbsent(c.service(), k -> new ArrayList<>()).add(c);
        }
        List<long[]> windows = faultWindows(run, figures);
        long runEnd = run.timeline().events().stream().mapToLong(TimelineEvent::t).max().orElse(0);
        List<ConnectionMeasure> out = new ArrayList<>();
        byService.forEach((service, samples) -> out.add(of(service, samples, windows, runEnd)));
        return out;
    }

    /**
     * The figures of one service from its samples (recorded when a count changed), the fault windows ({from, to}
     * each) and the time of the run's last event, where a window that never closed ends.
     */
    static ConnectionMeasure of(String service, List<TimelineEvent.Connections> samples, List<long[]> windows,
                                long runEnd) {
        List<TimelineEvent.Connections> sorted = samples.stream()
                .sorted(Comparator.comparingLong(TimelineEvent.Connections::t)).toList();
        long accepted = sorted.get(sorted.size() - 1).accepted() - sorted.get(0).accepted();
        long peak = 0;
        long peakAt = -1;
        for (TimelineEvent.Connections s : sorted) {
            long inWindow = s.accepted() - countAt(sorted, s.t() - WINDOW_MS);
            if (inWindow > peak) {
                peak = inWindow;
                peakAt = s.t();
            }
        }
        long during = 0;
        long length = 0;
        for (long[] w : LoadFigures.union(windows)) {
            long end = Math.min(w[1], runEnd); // a window that never closed ends with the run
            if (end > w[0]) {
                during += countAt(sorted, end) - countAt(sorted, w[0]);
                length += end - w[0];
            }
        }
        return new ConnectionMeasure(service, accepted, peak, peakAt, during, length);
    }

    /** The count of the last sample at or before {@code t}; the first sample's when none is. */
    private static long countAt(List<TimelineEvent.Connections> sorted, long t) {
        long count = sorted.get(0).accepted();
        for (TimelineEvent.Connections s : sorted) {
            if (s.t() > t) {
                break;
            }
            count = s.accepted();
        }
        return count;
    }

    private static List<long[]> faultWindows(RunRecord run, Measurements figures) {
        List<long[]> windows = new ArrayList<>();
        List<FaultWindow> faults = run.faults();
        for (int i = 0; i < faults.size() && i < figures.faults().size(); i++) {
            FaultMeasure measured = figures.faults().get(i);
            if (measured.injected()) {
                windows.add(Measurements.loadWindow(faults.get(i), measured, run));
            }
        }
        return windows;
    }
}
