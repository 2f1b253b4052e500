package dev.faultline.engine.spi;

import java.util.List;
import java.util.Map;

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

    /**
     * Figures this objective measures itself, beyond {@code figures}, written to {@code result.json} under
     * {@code objectiveFigures.<name>} (values: strings, numbers, booleans, null, lists and maps of them); none by
     * default. The same figures {@link #evaluate} judges, computed the same way.
     */
    default Map<String, Object> figures(RunRecord run, Measurements figures) {
        return Map.of();
    }

    /**
     * One judged figure: {@code recovery.within: expected "<= 15s", actual "2.4s"}. {@code straddles}: the figure's
     * bound has values on both sides of the limit, so the truth may be either side of it whatever the verdict
     * (its {@code actual} says so too).
     */
    record Check(String name, String expected, String actual, boolean met, boolean straddles) {
        /** A check of a figure without a bound, or clear of its limit. */
        public Check(String name, String expected, String actual, boolean met) {
            this(name, expected, actual, met, false);
        }
    }
}
