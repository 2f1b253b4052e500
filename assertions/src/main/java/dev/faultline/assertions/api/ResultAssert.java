package dev.faultline.assertions.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.opentest4j.MultipleFailuresError;

import dev.faultline.assertions.BackToNormal;
import dev.faultline.assertions.BackToNormalObjective;
import dev.faultline.assertions.BlockBootstrap;
import dev.faultline.assertions.ContainmentObjective;
import dev.faultline.assertions.IntegrityObjective;
import dev.faultline.assertions.SloObjective.Bound;
import dev.faultline.assertions.SloObjective.Comparison;
import dev.faultline.assertions.SloObjective.Metric;
import dev.faultline.assertions.SloObjective.Scope;
import dev.faultline.assertions.TimeLimit;
import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.HaltMeasure;
import dev.faultline.engine.measure.IntegrityMeasure;
import dev.faultline.engine.measure.StateMeasure;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.Lane;

/**
 * Soft, fluent expectations on one {@link RunResult}: each method judges one figure and, when the run did not meet
 * it, records a {@link Failure} instead of throwing, so that a chain reports everything that went wrong at once.
 * {@link #assertAll()} throws them together.
 *
 * <pre>{@code
 * assertThat(result).recoveredWithin(ofSeconds(15)).lostNothing().containedTo("worker").assertAll();
 * }</pre>
 *
 * <p><b>End every chain with {@link #assertAll()}</b>, or use {@link FaultlineAssertions#assertSoftly}, or run the
 * test with {@code dev.faultline.junit.FaultlineExtension}, which asserts every {@code ResultAssert} created
 * during the test when it ends. Without one of these, failures are recorded and never reported.
 *
 * <p>Figures are the run's {@link dev.faultline.engine.measure.Measurements} (milliseconds on the run's clock);
 * messages use the words of {@code result.json}. An argument that makes no sense (a negative duration, an error
 * rate of 5 meaning 5%) is a mistake in the test and throws {@link IllegalArgumentException} at once.
 *
 * <p>Not thread-safe: build a chain on one thread.
 */
public final class ResultAssert {
    private static final int IDS_SHOWN = 5;

    private final RunResult result;
    private final List<Failure> failures = new ArrayList<>();
    private int reported;
    private TimeLimit.Judging judging = TimeLimit.Judging.BOUND;

    ResultAssert(RunResult result) {
        this.result = Objects.requireNonNull(result, "result");
    }

    // ---- verdict

    /** The verdict is {@link Verdict#PASSED}: every objective of the scenario was met. */
    public ResultAssert passed() {
        return hasVerdict(Verdict.PASSED);
    }

    /** The verdict is {@code expected}; the failure quotes the run's reason. */
    public ResultAssert hasVerdict(Verdict expected) {
        Objects.requireNonNull(expected, "hasVerdict: verdict");
        if (result.verdict() != expected) {
            fail("verdict", expected.name(), result.verdict() + " (" + result.reason() + ")");
        }
        return this;
    }

    // ---- faults

    /**
     * From here on, time figures (recovery, time to detect, outage, the halt's revert latency) are judged on their
     * measured values alone, as {@code judge-on: measured} does. By default they are judged with their bounds: a
     * figure {@code v ± b} meets a limit only when {@code v + b} does ({@link TimeLimit}). A figure whose bound
     * straddles the limit says so in the failure either way.
     */
    public ResultAssert judgedOnMeasuredValues() {
        this.judging = TimeLimit.Judging.MEASURED;
        return this;
    }

    TimeLimit.Judging judging() {
        return judging;
    }

    /**
     * Every fault of the scenario was injected and recovered within {@code within} of its end (of its injection,
     * or its last crash when it repeats, for an instantaneous fault such as a crash). A run without faults fails
     * this.
     */
    public ResultAssert recoveredWithin(Duration within) {
        Require.notNegative(within, "recoveredWithin");
        return everyFault("recovery", within, w -> w.recoveredWithin(within));
    }

    /** Every fault of the scenario was injected and a probe failed within {@code within} of its injection. */
    public ResultAssert detectedWithin(Duration within) {
        Require.notNegative(within, "detectedWithin");
        return everyFault("time to detect", within, w -> w.detectedWithin(within));
    }

    /** Every fault of the scenario was injected and violated the steady state for at most {@code most} in all. */
    public ResultAssert outageAtMost(Duration most) {
        Require.notNegative(most, "outageAtMost");
        return everyFault("outage", most, w -> w.outageAtMost(most));
    }

    /**
     * The figures of one fault. An unknown name is a recorded failure that lists the scenario's faults, and the
     * view it returns judges nothing.
     */
    public FaultAssert fault(String name) {
        Objects.requireNonNull(name, "fault: name");
        List<FaultMeasure> faults = result.measurements().faults();
        Optional<FaultMeasure> fault = faults.stream().filter(f -> f.name().equals(name)).findFirst();
        if (fault.isEmpty()) {
            fail("fault", oneOf("fault", faults.stream().map(FaultMeasure::name).toList()), "'" + name + "'");
        }
        return new FaultAssert(this, fault.orElse(null));
    }

    // ---- integrity

    /** No accepted item was lost (accepted but never completed): {@code integrity: {lost: 0}}. */
    public ResultAssert lostNothing() {
        return lost(0);
    }

    /** At most {@code items} accepted items were lost: {@code integrity: {lost: <items>}}. */
    public ResultAssert lostAtMost(long items) {
        return lost(Require.notNegative(items, "lostAtMost"));
    }

    private ResultAssert lost(long items) {
        IntegrityMeasure m = result.measurements().integrity();
        Objective.Check check = IntegrityObjective.lost(m, items);
        return record(Failure.of("lost", withIds(check, m.lostIds(), m.lost())));
    }

    /** No item was completed more than once: {@code integrity: {duplicated: 0}}. */
    public ResultAssert noDuplicates() {
        IntegrityMeasure m = result.measurements().integrity();
        Objective.Check check = IntegrityObjective.duplicated(m, 0);
        return record(Failure.of("duplicated", withIds(check, m.duplicatedIds(), m.duplicated())));
    }

    /**
     * When the first fault struck, the oldest item later lost was at most {@code most} old (RPO):
     * {@code integrity: {rpo: <most>}}.
     */
    public ResultAssert rpoAtMost(Duration most) {
        Require.notNegative(most, "rpoAtMost");
        return record(Failure.of("rpo", IntegrityObjective.rpo(result.measurements().integrity(), most)));
    }

    // ---- containment

    /**
     * Every degraded service (one with a failing sample between the first injection and the end of recovery) is
     * one of {@code services} or a fault target; with none given, nothing but the fault targets degraded. The same
     * check as {@code containment: {may-degrade: [...]}}. A name not in the topology is a recorded failure.
     */
    public ResultAssert containedTo(String... services) {
        List<String> allowed = Arrays.asList(Require.names(services, "containedTo"));
        checkServices(allowed);
        return record(Failure.of("degraded",
                ContainmentObjective.mayDegrade(result.measurements().containment(), allowed)));
    }

    /**
     * None of {@code services} degraded: {@code containment: {must-stay-healthy: [...]}}. A name not in the
     * topology is a recorded failure.
     */
    public ResultAssert stayedHealthy(String... services) {
        List<String> named = Arrays.asList(Require.names(services, "stayedHealthy"));
        if (named.isEmpty()) {
            throw new IllegalArgumentException("stayedHealthy needs at least one service name, but got none");
        }
        checkServices(named);
        return record(Failure.of("health",
                ContainmentObjective.mustStayHealthy(result.measurements().containment(), named)));
    }

    /**
     * No degraded service is further than {@code depth} depends-on edges from the nearest fault target:
     * {@code containment: {max-cascade-depth: <depth>}}. Services with no depends-on path from a target are not
     * counted.
     */
    public ResultAssert cascadeDepthAtMost(int depth) {
        Require.notNegative(depth, "cascadeDepthAtMost");
        return record(Failure.of("cascade depth",
                ContainmentObjective.maxCascadeDepth(result.measurements().containment(), depth)));
    }

    // ---- load

    /**
     * Less than {@code fraction} of the items sent were refused or failed ({@code 0.05} for 5%):
     * {@code slo: {error-rate: "< 5%"}}. A run that sent nothing fails this.
     */
    public ResultAssert errorRateBelow(double fraction) {
        requireFraction(fraction, "errorRateBelow");
        return slo("error rate", Metric.ERROR_RATE, Comparison.LESS, fraction, Scope.OVERALL);
    }

    /**
     * The 99th percentile of the load's latencies is below {@code bound}: {@code slo: {p99-latency: "< 1s"}}. A run
     * with no answers fails this.
     */
    public ResultAssert p99LatencyBelow(Duration bound) {
        Require.positive(bound, "p99LatencyBelow");
        return slo("p99 latency", Metric.P99_LATENCY, Comparison.LESS, millis(bound), Scope.OVERALL);
    }

    /**
     * Among the items submitted inside the fault windows (from each fault's injection to its recovery), less than
     * {@code fraction} were refused or failed: {@code slo: {during-faults: {error-rate: "< 5%"}}}. A run without an
     * injected fault, or with no item inside the windows, fails this.
     */
    public ResultAssert errorRateDuringFaultsBelow(double fraction) {
        requireFraction(fraction, "errorRateDuringFaultsBelow");
        return slo("error rate during faults", Metric.ERROR_RATE, Comparison.LESS, fraction, Scope.DURING_FAULTS);
    }

    private static void requireFraction(double fraction, String method) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException(method + " needs a fraction greater than 0 and at most 1 (0.05 for 5%), "
                    + "but was " + fraction);
        }
    }

    /**
     * The p99 latency of the items submitted inside the fault windows is below {@code bound}:
     * {@code slo: {during-faults: {p99-latency: "< 1s"}}}.
     */
    public ResultAssert p99LatencyDuringFaultsBelow(Duration bound) {
        Require.positive(bound, "p99LatencyDuringFaultsBelow");
        return slo("p99 latency during faults", Metric.P99_LATENCY, Comparison.LESS, millis(bound),
                Scope.DURING_FAULTS);
    }

    /** The same check as the {@code slo} objective's bound. */
    private ResultAssert slo(String figure, Metric metric, Comparison comparison, double threshold, Scope scope) {
        Bound bound = new Bound(metric, comparison, threshold, scope);
        return record(Failure.of(figure, bound.check(result.measurements())));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }

    // ---- state and halt

    /**
     * Every service with a {@code state} endpoint reported, after recovery, figures in the ranges the ledger
     * implies: the check of {@code integrity: {state-agrees: true}}. Unlike the objective, a run in which no service reported its state fails this (nothing was checked).
     */
    public ResultAssert stateAgreesWithLedger() {
        StateMeasure state = result.measurements().state();
        if (state.services().isEmpty()) {
            fail("state", "agrees with the ledger", "no service reported its state");
        }
        for (StateMeasure.ServiceState s : state.services()) {
            record(Failure.of("state of " + s.service(), IntegrityObjective.state(s)));
        }
        return this;
    }

    /**
     * A halt-when condition stopped the run and every fault in force was reverted within {@code within} of the
     * condition becoming true. A run that was not halted fails this.
     */
    public ResultAssert haltedAndRevertedWithin(Duration within) {
        Require.notNegative(within, "haltedAndRevertedWithin");
        HaltMeasure halt = result.measurements().halt();
        TimeLimit limit = new TimeLimit(within, judging);
        String expected = "halted, every fault reverted " + limit.expected() + " after the condition";
        if (halt == null) {
            fail("halt", expected, "not halted (verdict " + result.verdict() + ")");
        } else if (!limit.met(halt.revertLatencyMs(), halt.revertLatencyBoundMs())) {
            fail("halt", expected, "reverted after "
                    + limit.actual(halt.revertLatencyMs(), halt.revertLatencyBoundMs()));
        }
        return this;
    }

    /**
     * At least {@code perSecond} items were accepted per second of load: {@code slo: {throughput: ">= 15/s"}}. A run
     * that sent nothing fails this.
     */
    public ResultAssert throughputAtLeast(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("throughputAtLeast needs a rate greater than 0 (items per second), "
                    + "but was " + perSecond);
        }
        return slo("throughput", Metric.THROUGHPUT, Comparison.AT_LEAST, perSecond, Scope.OVERALL);
    }

    /**
     * After the last recovery the load behaved as before the first fault: {@code back-to-normal: {basis, window,
     * settle}} with the default tolerance (25%), error tolerance (1%) and significance (1%); one failure per degraded
     * metric ({@code back-to-normal.p50-latency}, ...), every metric failing when there is nothing to compare.
     */
    public ResultAssert backToNormal(BackToNormal.Basis basis, Duration window, Duration settle) {
        Objects.requireNonNull(basis, "basis");
        Require.notNegative(settle, "backToNormal settle");
        BackToNormalObjective objective = new BackToNormalObjective(basis, window, settle,
                new BlockBootstrap(0.25, 0.01, 0.01, BlockBootstrap.DEFAULT_RESAMPLES));
        for (Objective.Check check : objective.evaluate(result.record(), result.measurements())) {
            record(Failure.of(check.name(), check));
        }
        return this;
    }

    // ---- reporting

    /**
     * Throws every failure recorded so far in one {@link MultipleFailuresError} (each failure an
     * {@code AssertionFailedError} with expected and actual), headed by the scenario, verdict and report folder;
     * returns quietly when there is none.
     */
    public void assertAll() {
        reported = failures.size();
        if (!failures.isEmpty()) {
            throw error(failures);
        }
    }

    /** The failures recorded so far, in the order the chain judged them. */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** The run judged. */
    public RunResult result() {
        return result;
    }

    /** The failures recorded since the last {@link #assertAll()}, as one error, and marks them reported. */
    Optional<MultipleFailuresError> takeUnreported() {
        List<Failure> unreported = List.copyOf(failures.subList(reported, failures.size()));
        reported = failures.size();
        return unreported.isEmpty() ? Optional.empty() : Optional.of(error(unreported));
    }

    private MultipleFailuresError error(List<Failure> list) {
        String heading = "scenario " + result.scenario() + " (run " + result.record().runId() + ", verdict "
                + result.verdict() + ", results in " + result.reportDir() + ")";
        return new FailuresError(heading, list.stream().map(Failure::toError).toList());
    }

    void fail(String figure, String expected, String actual) {
        failures.add(new Failure(figure, expected, actual));
    }

    ResultAssert record(Optional<Failure> failure) {
        failure.ifPresent(failures::add);
        return this;
    }

    /** The run's probe names, in the scenario's order. */
    List<String> probeNames() {
        return result.record().probeLanes().stream().map(Lane::name).toList();
    }

    private ResultAssert everyFault(String figure, Duration bound,
                                    Function<FaultFigures, Optional<Failure>> judge) {
        List<FaultMeasure> faults = result.measurements().faults();
        if (faults.isEmpty()) {
            fail(figure, "<= " + Durations.figure(bound) + " for every fault", "a run without faults");
        }
        for (FaultMeasure f : faults) {
            record(judge.apply(FaultFigures.of(f, judging)));
        }
        return this;
    }

    private void checkServices(List<String> names) {
        Set<String> known = result.record().scenario().topology().services().keySet();
        for (String name : new LinkedHashSet<>(names)) {
            if (!known.contains(name)) {
                fail("service", oneOf("service", List.copyOf(known)), "'" + name + "'");
            }
        }
    }

    /** {@code one of a, b} or, when there are none, {@code a fault of the scenario (it has none)}. */
    static String oneOf(String kind, List<String> names) {
        return names.isEmpty()
                ? "a " + kind + " of the scenario (it has none)"
                : "one of " + String.join(", ", names);
    }

    /** The check, its actual count followed by the first ids. */
    private static Objective.Check withIds(Objective.Check check, List<String> ids, long total) {
        return new Objective.Check(check.name(), check.expected(), check.actual() + ids(ids, total), check.met());
    }

    private static String ids(List<String> ids, long total) {
        if (ids.isEmpty()) {
            return "";
        }
        List<String> shown = ids.subList(0, Math.min(IDS_SHOWN, ids.size()));
        long more = total - shown.size();
        return " (ids " + String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "") + ")";
    }
}
