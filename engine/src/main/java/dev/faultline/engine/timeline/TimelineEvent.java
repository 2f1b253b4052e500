package dev.faultline.engine.timeline;

import dev.faultline.engine.model.RestartPolicy;

/**
 * One line of {@code timeline.jsonl}. {@code t} is milliseconds since the run started (monotonic clock).
 */
public sealed interface TimelineEvent {
    long t();

    /**
     * One probe or health sample of {@code lane} ({@code probe:<name>} or {@code health:<instance>}), sent at {@code t}
     * and answered (or given up) {@code latencyMs} later.
     *
     * @param status the HTTP status that came back (the expected one when the sample passed); 0 when no answer came
     *               at all (no answer within the probe's {@code within}, connection refused or reset)
     * @param extra  an extra probe, sent between the regular ones to narrow a transition (see {@code sharpen} in
     *               the format reference); false for the regular samples
     */
    record Sample(long t, Lane lane, boolean ok, int status, long latencyMs, String detail, boolean extra)
            implements TimelineEvent {
        /** A regular sample, taken on the {@code sample-every} schedule. */
        public Sample(long t, Lane lane, boolean ok, int status, long latencyMs, String detail) {
            this(t, lane, ok, status, latencyMs, detail, false);
        }

        /**
         * When this sample takes effect: a failing one from when its request was sent (the service did not answer
         * as expected from then on), a passing one from when its answer arrived (the first moment the service is
         * known to serve again).
         */
        public long effectiveTime() {
            return ok ? t + Math.max(0, latencyMs) : t;
        }
    }

    /** A run phase began: starting, steady-state, load, drain, recovery, state, stopping (see {@link RunPhase}). */
    record Phase(long t, RunPhase phase) implements TimelineEvent {
    }

    /** A fault changed state: injected, verified, failed, reverted, revert-failed (see {@link FaultState}). */
    record FaultChange(long t, String fault, FaultState change, String detail) implements TimelineEvent {
    }

    /**
     * A container instance changed: started, paused, unpaused, died, restarted, restart-failed (see
     * {@link ServiceState}).
     */
    record ServiceChange(long t, String instance, ServiceState change, String detail) implements TimelineEvent {
    }

    /**
     * The supervisor's recovery of one dead instance by its service's {@code restart.strategy}, measured: from
     * {@code diedAt} (Docker's time of death) to {@code t}, when the instance was back (restart, redeploy: its
     * process started and its health endpoint passing; restore: also its state endpoint reporting
     * {@code restoredFrom}) or, for scale-down, when every remaining replica's health endpoint passed. When it did not
     * come back ({@code recovered} false: a failed start, no replica left, the run ended first), {@code t} is when
     * the supervisor gave up and {@code detail} says why.
     */
    record InstanceRecovery(long t, String instance, RestartPolicy.Strategy strategy, long diedAt, boolean recovered,
                            String detail) implements TimelineEvent {
        public InstanceRecovery {
            java.util.Objects.requireNonNull(strategy, "strategy");
            detail = detail == null ? "" : detail;
        }

        /** Death to back up (or to giving up), in milliseconds. */
        public long durationMs() {
            return t - diedAt;
        }
    }

    /**
     * A {@code halt-when} condition held: {@code conditionTrueAt} is when it became true (the first failing sample
     * of the streak plus its {@code failing-for}), {@code lastRevertedAt} when the last fault in force then was
     * reverted ({@code t} itself when none was). {@code reverted} names those faults.
     */
    record Halt(long t, String probe, String condition, long conditionTrueAt, long lastRevertedAt,
                java.util.List<String> reverted) implements TimelineEvent {
        public Halt {
            reverted = java.util.List.copyOf(reverted);
        }
    }

    /**
     * What one instance reported about its own state after recovery ({@code GET} on its {@code state} endpoint):
     * the whole numbers of the {@code ledger} object of its answer, or {@code error} when it could not be read.
     */
    record StateReport(long t, String instance, java.util.Map<String, Long> ledger, String error)
            implements TimelineEvent {
        public StateReport {
            ledger = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ledger));
        }
    }

    /**
     * The sampler ticked {@code lagMs} after its schedule (more than one {@code sample-every} late): the harness
     * itself was starved, and samples around {@code t} say as much about the host as about the system.
     */
    record SamplerLag(long t, long lagMs) implements TimelineEvent {
    }

    /**
     * The connection counts of the fault proxy in front of {@code service}, summed over its proxied ports:
     * {@code accepted} client connections since the proxy started (the connection attempts that reached it) and
     * {@code open} ones now. Recorded when sampling begins and then only when a count changed.
     */
    record Connections(long t, String service, long accepted, int open) implements TimelineEvent {
    }

    /**
     * One second of a load driver's own figures, as the driver itself measured them (Gatling's statistics): the
     * requests answered OK and KO in the second starting at {@code t}, and the response time percentiles of the OK
     * ones (null when there was none). Recorded once the driver has finished, for every second it ran.
     */
    record LoadSecond(long t, String driver, long ok, long ko, Integer p50Ms, Integer p95Ms, Integer p99Ms)
            implements TimelineEvent {
    }

    /**
     * A load driver's own account of its whole run, recorded once when it has finished: the simulation it ran, its
     * request counts (OK: what the driver counted as a success, for the built-in simulation a 2xx answer), its
     * response time percentiles over every request, and where its own report is, relative to the run's directory
     * ({@code gatling/index.html}), or null when it made none.
     */
    record DriverReport(long t, String driver, String simulation, long requests, long ok, long ko, Integer p50Ms,
                        Integer p95Ms, Integer p99Ms, String report) implements TimelineEvent {
    }

    /** Free text worth keeping (a halt, a warning). */
    record Note(long t, String message) implements TimelineEvent {
    }
}
