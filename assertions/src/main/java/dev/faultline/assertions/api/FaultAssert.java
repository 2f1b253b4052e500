package dev.faultline.assertions.api;

import java.time.Duration;
import java.util.Objects;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.timeline.Lane;

/**
 * Soft expectations on one fault's figures, from {@link ResultAssert#fault(String)}; failures are recorded in the
 * {@link ResultAssert} it came from, which {@link #and()} returns to. A fault never injected fails every
 * expectation. Not thread-safe.
 *
 * <pre>{@code
 * assertThat(result).fault("kill-worker").recoveredWithin(ofSeconds(15)).detectedWithin(ofSeconds(2))
 *         .and().lostNothing().assertAll();
 * }</pre>
 */
public final class FaultAssert {
    private final ResultAssert owner;
    private final FaultMeasure fault;

    /** @param fault null when the name was unknown (already a recorded failure): then nothing is judged */
    FaultAssert(ResultAssert owner, FaultMeasure fault) {
        this.owner = owner;
        this.fault = fault;
    }

    /**
     * The fault was injected and recovered within {@code within} of its end (if instantaneous: its injection, or its
     * last crash when it repeats).
     */
    public FaultAssert recoveredWithin(Duration within) {
        Require.notNegative(within, "recoveredWithin");
        if (fault != null) {
            owner.record(FaultFigures.of(fault, owner.judging()).recoveredWithin(within));
        }
        return this;
    }

    /** The fault was injected and a probe failed within {@code within} of the injection. */
    public FaultAssert detectedWithin(Duration within) {
        Require.notNegative(within, "detectedWithin");
        if (fault != null) {
            owner.record(FaultFigures.of(fault, owner.judging()).detectedWithin(within));
        }
        return this;
    }

    /** The fault was injected and the steady state was violated for at most {@code most} in all. */
    public FaultAssert outageAtMost(Duration most) {
        Require.notNegative(most, "outageAtMost");
        if (fault != null) {
            owner.record(FaultFigures.of(fault, owner.judging()).outageAtMost(most));
        }
        return this;
    }

    /**
     * The same figures for one probe of the scenario ({@code api-ready}), measured as if it were the only probe. An
     * unknown probe is a recorded failure that lists the scenario's probes.
     */
    public ProbeAssert probe(String name) {
        Objects.requireNonNull(name, "probe: name");
        String probe = name.startsWith(Lane.Kind.PROBE.prefix()) ? Lane.parse(name).name() : name;
        if (fault == null) {
            return new ProbeAssert(this, null);
        }
        if (!owner.probeNames().contains(probe)) {
            owner.fail("probe of " + fault.name(), ResultAssert.oneOf("probe", owner.probeNames()), "'" + name + "'");
            return new ProbeAssert(this, null);
        }
        return new ProbeAssert(this, FaultFigures.of(fault, probe, owner.judging()));
    }

    /** Back to the whole run. */
    public ResultAssert and() {
        return owner;
    }

    /** The soft assertion all failures are recorded in. */
    ResultAssert owner() {
        return owner;
    }
}
