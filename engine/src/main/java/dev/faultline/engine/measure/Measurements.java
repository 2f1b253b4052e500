package dev.faultline.engine.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.TimelineEvent.Sample;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Every figure of a run, computed from its timeline and ledger alone (milliseconds on the timeline clock).
 *
 * <p><b>Steady state.</b> At time {@code t} the steady state holds when the latest sample at or before {@code t}
 * of every probe lane ({@code probe:<name>}) is OK; a lane without a sample yet counts as OK. A failing sample is
 * placed at its send time, a passing one at the arrival of its answer (see {@link SteadyState}).
 *
 * <p><b>Per fault</b>, on that fault's own window: when faults overlap, each is measured as if it were alone,
 * from its own injection and its own recovery start, so a failure caused by one fault also shows in the figures
 * of another that was in force at the time.
 * <ul>
 * <li><i>recovery</i>: from the recovery start ({@link FaultWindow#recoveryStart()}: for an instantaneous fault the
 * last time it acted, i.e. its injection or its last repeated crash; the revert otherwise) to the start of the first
 * stretch at or after it in which every probe passes for {@code stableFor} without a break. A steady stretch between
 * two crashes of one repeated crash is no recovery. The stretch starts at the recovery start when everything
 * passes there, else at the sample that made every lane pass again. A stretch still unbroken at the timeline's last
 * sample counts only if it lasted {@code stableFor} by then. A window fault injected but never reverted has no
 * recovery start and does not recover.</li>
 * <li><i>time to detect</i>: injection to the first failing probe sample at or after it and before the recovery
 * point (before the end of the timeline when not recovered).</li>
 * <li><i>outage</i>: the time the steady state was violated between the injection and the recovery point (the
 * last sample when not recovered); each violation lasts from the failing sample to the sample that made every
 * lane pass again, cut to that span.</li>
 * </ul>
 * Those are the samples that decide each figure; the figure itself is placed in the middle of the range its true
 * value lies in, from the spans of the transitions around those samples ({@link Bounds}), with half that range as its
 * bound: detection at the middle of the first failure's span, the recovery point at the middle of its return's span,
 * the outage at the middle of what the spans of its starts and ends allow.
 * The same three figures are given for each probe lane on its own. Faults never injected are listed with no
 * figures.
 *
 * <p><b>Load inside fault windows.</b> A fault's window, for the load's figures, runs from its injection (its first
 * crash, for a repeated one) to its recovery point, and for a window fault at least to its revert; when it did not
 * recover, to the end of the load.
 * Items count by the time they were submitted. {@link #loadDuringFaults()} takes the union of every injected
 * fault's window, its throughput is per second of that union within the load.
 *
 * <p><b>Integrity</b>, <b>containment</b>, <b>load</b>, <b>state</b>, <b>halt</b> and the load driver's own
 * figures: see {@link IntegrityMeasure}, {@link ContainmentMeasure}, {@link LoadMeasure}, {@link StateMeasure},
 * {@link HaltMeasure} and {@link DriverMeasure}.
 *
 * @param loadDuringFaults the load's figures inside the union of the fault windows; null when no fault was injected
 * @param halt             the halt-when condition that stopped the run; null when none did
 * @param sampling         how well the harness kept its sampling schedule
 * @param recoveries       how the supervisor brought each dead instance back, by its restart strategy, in time order
 * @param driver           the load driver's own figures (Gatling's); null when the driver keeps none (the ledger driver)
 */
public record Measurements(List<FaultMeasure> faults, IntegrityMeasure integrity, ContainmentMeasure containment,
                           LoadMeasure load, LoadMeasure loadDuringFaults, StateMeasure state, HaltMeasure halt,
                           SamplingMeasure sampling, List<RecoveryMeasure> recoveries, DriverMeasure driver) {

    /** Without a load driver's own figures. */
    public Measurements(List<FaultMeasure> faults, IntegrityMeasure integrity, ContainmentMeasure containment,
                        LoadMeasure load, LoadMeasure loadDuringFaults, StateMeasure state, HaltMeasure halt,
                        SamplingMeasure sampling, List<RecoveryMeasure> recoveries) {
        this(faults, integrity, containment, load, loadDuringFaults, state, halt, sampling, recoveries, null);
    }

    /** Without recoveries by a restart strategy. */
    public Measurements(List<FaultMeasure> faults, IntegrityMeasure integrity, ContainmentMeasure containment,
                        LoadMeasure load, LoadMeasure loadDuringFaults, StateMeasure state, HaltMeasure halt,
                        SamplingMeasure sampling) {
        this(faults, integrity, containment, load, loadDuringFaults, state, halt, sampling, List.of());
    }

    /** Without figures on the sampling schedule (all ticks on time). */
    public Measurements(List<FaultMeasure> faults, IntegrityMeasure integrity, ContainmentMeasure containment,
                        LoadMeasure load, LoadMeasure loadDuringFaults, StateMeasure state, HaltMeasure halt) {
        this(faults, integrity, containment, load, loadDuringFaults, state, halt, new SamplingMeasure(0, 0, -1));
    }

    /** At most this many lost and duplicated ids are listed. */
    public static final int MAX_IDS = 100;

    public Measurements {
        faults = List.copyOf(faults);
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(containment, "containment");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sampling, "sampling");
        recoveries = List.copyOf(recoveries);
    }

    public static Measurements of(RunRecord run, Duration stableFor) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(stableFor, "stableFor");
        if (stableFor.isNegative()) {
            throw new IllegalArgumentException("stableFor must not be negative, but was " + stableFor);
        }
        Map<Lane, List<Sample>> samples = new LinkedHashMap<>();
        long lastSample = -1;
        for (Sample s : run.timeline().events(Sample.class, s -> true)) {
            samples.computeIfAbsent(s.lane(), k -> new ArrayList<>()).add(s);
            lastSample = Math.max(lastSample, s.t());
        }
        List<Lane> lanes = run.probeLanes();
        Stops stops = Stops.of(run);
        SteadyState all = SteadyState.of(samples, lanes, stops);
        Map<Lane, SteadyState> perLane = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            perLane.put(lane, SteadyState.of(samples, List.of(lane), stops));
        }
        long stableForMs = stableFor.toMillis();
        List<FaultMeasure> faults = new ArrayList<>();
        List<long[]> windows = new ArrayList<>();
        for (FaultWindow window : run.faults()) {
            FaultMeasure measured = fault(window, all, perLane, stableForMs, lastSample);
            if (measured.injected()) {
                long[] loadWindow = loadWindow(window, measured, run);
                windows.add(loadWindow);
                measured = measured.withLoad(LoadFigures.inside(run, List.<long[]>of(loadWindow)));
            }
            faults.add(measured);
        }
        LoadMeasure duringFaults = windows.isEmpty() ? null : LoadFigures.inside(run, windows);
        return new Measurements(faults, IntegrityCheck.of(run), ContainmentCheck.of(run, samples, faults),
                LoadFigures.inside(run, List.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE})), duringFaults,
                StateCheck.of(run), halt(run, perLane), sampling(run, samples), RecoveryMeasure.of(run), DriverMeasure.of(run));
    }

    /** The sampler's lag from the timeline; its probe samples from {@code samples}, already read from it by lane. */
    private static SamplingMeasure sampling(RunRecord run, Map<Lane, List<Sample>> samples) {
        List<TimelineEvent.SamplerLag> lags = run.timeline().events(TimelineEvent.SamplerLag.class, l -> true);
        long worst = lags.stream().mapToLong(TimelineEvent.SamplerLag::lagMs).max().orElse(0);
        List<Sample> probes = samples.entrySet().stream().filter(e -> e.getKey().isProbe())
                .flatMap(e -> e.getValue().stream()).toList();
        long extra = probes.stream().filter(Sample::extra).count();
        long first = probes.stream().mapToLong(Sample::t).min().orElse(0);
        long last = probes.stream().mapToLong(Sample::t).max().orElse(0);
        double perSecond = extra == 0 || last <= first ? 0 : extra * 1000.0 / (last - first);
        return new SamplingMeasure(lags.size(), worst, lags.isEmpty() ? -1 : lags.get(0).t(), probes.size() - extra,
                extra, Math.round(perSecond * 10) / 10.0);
    }

    /** From injection to the recovery point (at least the revert for a window fault), else the end of the load. */
    static long[] loadWindow(FaultWindow w, FaultMeasure m, RunRecord run) {
        long loadEnd = run.loadEnd() < 0 ? Long.MAX_VALUE : run.loadEnd();
        long end = m.recovered() ? m.recoveredAt() : loadEnd;
        if (!w.instantaneous()) {
            end = Math.max(end, w.revertedAt() < 0 ? loadEnd : w.revertedAt());
        }
        return new long[] {w.injectedAt(), end};
    }

    private static HaltMeasure halt(RunRecord run, Map<Lane, SteadyState> perLane) {
        List<TimelineEvent.Halt> halts = run.timeline().events(TimelineEvent.Halt.class, h -> true);
        if (halts.isEmpty()) {
            return null;
        }
        TimelineEvent.Halt h = halts.get(0);
        return new HaltMeasure(h.probe(), h.condition(), h.conditionTrueAt(), h.lastRevertedAt(),
                h.lastRevertedAt() - h.conditionTrueAt(), h.reverted(), haltBound(run, h, perLane));
    }

    /**
     * The bound of a halt's revert latency: that of the start of the streak the condition counted from (its first
     * failing sample, {@code failing-for} before the condition held); null when that sample is not on the timeline.
     */
    private static Long haltBound(RunRecord run, TimelineEvent.Halt h, Map<Lane, SteadyState> perLane) {
        SteadyState lane = perLane.get(Lane.probe(h.probe()));
        if (lane == null) {
            return null;
        }
        for (var condition : run.scenario().haltWhen()) {
            if (!condition.probe().equals(h.probe())) {
                continue;
            }
            long since = h.conditionTrueAt() - condition.failingFor().toMillis();
            Bounds.Edge edge = lane.failingEdgeAt(since);
            if (edge != null) {
                return edge.bound(since, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }
        return null;
    }

    private static FaultMeasure fault(FaultWindow w, SteadyState all, Map<Lane, SteadyState> perLane,
                                      long stableForMs, long lastSample) {
        String name = w.spec().name();
        String type = w.spec().type();
        String target = w.spec().target().toString();
        if (!w.injected()) {
            return new FaultMeasure(name, type, target, false, w.injectedAt(), w.revertedAt(), null, null, false, null,
                    null, Map.of(), null);
        }
        Figures overall = figures(w, all, stableForMs, lastSample);
        Map<String, ProbeMeasure> probes = new LinkedHashMap<>();
        perLane.forEach((lane, state) -> {
            Figures f = figures(w, state, stableForMs, lastSample);
            probes.put(lane.wire(), new ProbeMeasure(lane.wire(), f.detectMs, f.recoveryMs(w), f.recoveredAt != null,
                    f.outageMs, f.detectBoundMs, f.recoveryBoundMs, f.outageBoundMs));
        });
        return new FaultMeasure(name, type, target, true, w.injectedAt(), w.revertedAt(), overall.detectMs,
                overall.recoveryMs(w), overall.recoveredAt != null, overall.recoveredAt, overall.outageMs, probes,
                null, overall.detectBoundMs, overall.recoveryBoundMs, overall.outageBoundMs);
    }

    /** {@code recoveredAt} is the recovery point as seen; {@code recoveryAt} the middle of its span. */
    private record Figures(Long detectMs, Long recoveredAt, Long recoveryAt, long outageMs, Long detectBoundMs,
                           Long recoveryBoundMs, long outageBoundMs) {
        Long recoveryMs(FaultWindow w) {
            return recoveryAt == null ? null : recoveryAt - w.recoveryStart();
        }
    }

    private static Figures figures(FaultWindow w, SteadyState state, long stableForMs, long lastSample) {
        long injectedAt = w.injectedAt();
        long recoveryStart = w.recoveryStart();
        Long point = recoveryStart < 0 ? null : state.recoveryPoint(recoveryStart, stableForMs, lastSample);
        long end = point != null ? point : lastSample;
        long before = point != null ? point : Long.MAX_VALUE;
        SteadyState.Estimate failure = state.firstFailure(injectedAt, before);
        SteadyState.Estimate recovery = point == null ? null : state.recovery(point, recoveryStart);
        SteadyState.Estimate outage = state.violated(injectedAt, end);
        return new Figures(failure == null ? null : failure.value() - injectedAt, point,
                recovery == null ? null : recovery.value(), outage.value(),
                failure == null ? null : failure.bound(), recovery == null ? null : recovery.bound(), outage.bound());
    }
}
