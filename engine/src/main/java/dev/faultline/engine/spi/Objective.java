package dev.faultline.engine.spi;

import java.util.List;

import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.timeline.RunRecord;

/** What must hold after a run, judged only from the run's timeline and ledger. */
public interface Objective {
    /** The section name, e.g. {@code recovery}. */
    String name();

    /**
     * Judges the run.
     *
     * @param run     the facts of the run
     * @param figures the run's figures, measured once from {@code run} (with the run's stable-for, see
     *                {@link StabilityRequirement#resolve}); judge these rather than measuring again
     */
    List<Check> evaluate(RunRecord run, Measurements figures);

    /** One judged figure: {@code recovery.within: expected "<= 15s", actual "2.4s"}. */
    record Check(String name, String expected, String actual, boolean met) {
    }
}
