package dev.faultline.engine.spi;

import java.util.List;

import dev.faultline.engine.timeline.RunRecord;

/** What must hold after a run, judged only from the run's timeline and ledger. */
public interface Objective {
    /** The section name, e.g. {@code recovery}. */
    String name();

    List<Check> evaluate(RunRecord run);

    /** One judged figure: {@code recovery.within: expected "<= 15s", actual "2.4s"}. */
    record Check(String name, String expected, String actual, boolean met) {
    }
}
