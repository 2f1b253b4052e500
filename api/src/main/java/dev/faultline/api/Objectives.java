package dev.faultline.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The shipped objective types, typed (docs/scenario-format.md, "Objectives"), and {@link #of(String)} for a team's
 * own. Fields are checked when the scenario is built, by the objective type's own code, with the messages a
 * scenario file gets.
 *
 * <pre>{@code
 * Faultline.scenario("worker-crash")
 *         .objective(Objectives.recovery(ofSeconds(15)).stableFor(ofSeconds(3)))
 *         .objective(Objectives.integrity().lost(0).duplicated(0).rpo(Duration.ZERO))
 *         .objective(Objectives.containment().mayDegrade("worker").mustStayHealthy("orchestrator"))
 *         .objective(Objectives.slo().errorRateBelow(Percent.of(1)).p99LatencyBelow(ofSeconds(1)));
 * }</pre>
 */
public final class Objectives {
    private Objectives() {
    }

    /** {@code recovery: {within}}: the steady state is back within {@code within} of the faults ending. */
    public static Recovery recovery(Duration within) {
        return new Recovery(Settings.NONE.with("within", Objects.requireNonNull(within, "within")));
    }

    /** {@code integrity:} with its defaults; narrow it with the returned value's methods. */
    public static Integrity integrity() {
        return new Integrity(Settings.NONE);
    }

    /** {@code containment:}; name the services with the returned value's methods. */
    public static Containment containment() {
        return new Containment(Settings.NONE);
    }

    /** {@code slo:}; give its bounds with the returned value's methods. */
    public static Slo slo() {
        return new Slo(Settings.NONE);
    }

    /** {@code back-to-normal:} with its defaults. */
    public static BackToNormal backToNormal() {
        return new BackToNormal(Settings.NONE);
    }

    /**
     * {@code connections: {service, peak-rate}}: the rate of new connections to {@code service} (behind the fault
     * proxy) is bounded, e.g. {@code connections("postgres", Comparison.AT_MOST, Rate.perSecond(10))}.
     */
    public static CustomObjective connections(String service, Comparison comparison, Rate peakRate) {
        return of("connections").with("service", Objects.requireNonNull(service, "service"))
                .with("peak-rate", comparison.bound(peakRate.text()));
    }

    /** Any objective section by name; its fields with {@link CustomObjective#with}. */
    public static CustomObjective of(String section) {
        return new CustomObjective(section, Settings.NONE);
    }
}
