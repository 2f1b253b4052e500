package dev.faultline.assertions.api;

import java.time.Duration;

/**
 * Soft expectations on one probe's figures during one fault, from {@link FaultAssert#probe(String)}: the same
 * figures as the fault's, measured on that probe alone. Failures are recorded in the {@link ResultAssert} the chain
 * started from, which {@link #and()} returns to. Not thread-safe.
 *
 * <pre>{@code
 * assertThat(result).fault("kill-worker").probe("api-ready").outageAtMost(ofSeconds(1))
 *         .probe("workers-up").recoveredWithin(ofSeconds(20))
 *         .and().assertAll();
 * }</pre>
 */
public final class ProbeAssert {
    private final FaultAssert fault;
    private final FaultFigures figures;

    /** @param figures null when the fault or probe was unknown (already a recorded failure): nothing is judged */
    ProbeAssert(FaultAssert fault, FaultFigures figures) {
        this.fault = fault;
        this.figures = figures;
    }

    /**
     * The probe passed steadily again within {@code within} of the fault's end (if instantaneous: its injection, or
     * its last crash when it repeats).
     */
    public ProbeAssert recoveredWithin(Duration within) {
        Require.notNegative(within, "recoveredWithin");
        if (figures != null) {
            fault.owner().record(figures.recoveredWithin(within));
        }
        return this;
    }

    /** The probe failed within {@code within} of the fault's injection. */
    public ProbeAssert detectedWithin(Duration within) {
        Require.notNegative(within, "detectedWithin");
        if (figures != null) {
            fault.owner().record(figures.detectedWithin(within));
        }
        return this;
    }

    /** The probe failed for at most {@code most} in all, between the injection and its recovery. */
    public ProbeAssert outageAtMost(Duration most) {
        Require.notNegative(most, "outageAtMost");
        if (figures != null) {
            fault.owner().record(figures.outageAtMost(most));
        }
        return this;
    }

    /** Another probe of the same fault. */
    public ProbeAssert probe(String name) {
        return fault.probe(name);
    }

    /** Back to the whole run. */
    public ResultAssert and() {
        return fault.and();
    }
}
