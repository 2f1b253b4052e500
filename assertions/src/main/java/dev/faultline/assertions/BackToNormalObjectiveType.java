package dev.faultline.assertions;

import java.time.Duration;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code objectives.back-to-normal}: {@code window} (default 10s, at least 3s), {@code settle} (default 0s),
 * {@code basis} ({@code answer}, the default, or {@code completion}), {@code tolerance} (default 25%, below 100%),
 * {@code error-tolerance} (default 1%, below 100%), {@code significance} (default 1%, above 0% and below 50%).
 */
public final class BackToNormalObjectiveType implements ObjectiveType {
    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    @Override
    public String key() {
        return BackToNormalObjective.NAME;
    }

    @Override
    public Objective configure(Params section, Topology topology) {
        section.allowOnly("window", "settle", "basis", "tolerance", "error-tolerance", "significance");
        Duration window = ObjectiveParams.notNegativeDuration(section, "window").orElse(DEFAULT_WINDOW);
        if (window.toMillis() < BackToNormal.MIN_BLOCKS * BackToNormal.BLOCK_MS) {
            throw section.invalid("window", "must be at least " + BackToNormal.MIN_BLOCKS + "s (each window is cut "
                    + "into one-second blocks), but was " + Durations.figure(window));
        }
        Duration settle = ObjectiveParams.notNegativeDuration(section, "settle").orElse(Duration.ZERO);
        BackToNormal.Basis basis = basis(section);
        double tolerance = share(section, "tolerance", 0.25, false, 1.0);
        double errorTolerance = share(section, "error-tolerance", 0.01, false, 1.0);
        double significance = share(section, "significance", 0.01, true, 0.5);
        return new BackToNormalObjective(basis, window, settle,
                new BlockBootstrap(tolerance, errorTolerance, significance, BlockBootstrap.DEFAULT_RESAMPLES));
    }

    private static BackToNormal.Basis basis(Params section) {
        String text = section.string("basis").orElse(BackToNormal.Basis.ANSWER.key());
        for (BackToNormal.Basis b : BackToNormal.Basis.values()) {
            if (b.key().equals(text)) {
                return b;
            }
        }
        throw section.invalid("basis", "expected one of answer, completion but was '" + Excerpt.of(text) + "'");
    }

    /** A percentage in {@code [0, below)} ({@code (0, below)} when {@code positive}). */
    private static double share(Params section, String key, double fallback, boolean positive, double below) {
        double value = section.fraction(key).orElse(fallback);
        if (value < 0 || (positive && value == 0) || value >= below) {
            throw section.invalid(key, "expected a percentage " + (positive ? "above 0%" : "of at least 0%")
                    + " and below " + Figures.percent(below) + ", but was " + Figures.percent(value));
        }
        return value;
    }
}
