package dev.faultline.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code back-to-normal} objective: after the faults, the load's figures are statistically as before them.
 *
 * <pre>{@code
 * Objectives.backToNormal().window(ofSeconds(10)).settle(ofSeconds(2)).basis(Basis.COMPLETION)
 *         .tolerance(Percent.of(25))
 * }</pre>
 */
public final class BackToNormal extends SectionObjective {
    /** What makes an item done and measures its latency ({@code basis}). */
    public enum Basis {
        /** {@code answer}: its HTTP answer. */
        ANSWER,
        /** {@code completion}: its completion, first seen in the results. */
        COMPLETION
    }

    BackToNormal(Settings fields) {
        super("back-to-normal", fields);
    }

    /** {@code window}: how long before and after the faults is compared (at least as many seconds as blocks). */
    public BackToNormal window(Duration window) {
        return new BackToNormal(fields.with("window", Objects.requireNonNull(window, "window")));
    }

    /** {@code settle}: how long after the faults end before the window after them starts. */
    public BackToNormal settle(Duration settle) {
        return new BackToNormal(fields.with("settle", Objects.requireNonNull(settle, "settle")));
    }

    /** {@code basis}: {@code answer} (default) or {@code completion}. */
    public BackToNormal basis(Basis basis) {
        return new BackToNormal(fields.with("basis", Settings.word(Objects.requireNonNull(basis, "basis"))));
    }

    /** {@code tolerance}: how much slower the latency may be after (default 25%). */
    public BackToNormal tolerance(Percent tolerance) {
        return new BackToNormal(fields.with("tolerance", tolerance.text()));
    }

    /** {@code error-tolerance}: how much higher the error rate may be after (default 1%). */
    public BackToNormal errorTolerance(Percent tolerance) {
        return new BackToNormal(fields.with("error-tolerance", tolerance.text()));
    }

    /** {@code significance}: the test's significance level (default 1%). */
    public BackToNormal significance(Percent level) {
        return new BackToNormal(fields.with("significance", level.text()));
    }
}
