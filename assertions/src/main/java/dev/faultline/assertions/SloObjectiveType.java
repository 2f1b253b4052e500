package dev.faultline.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.model.Units;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code objectives.slo}: {@code error-rate: "< 5%"}, {@code p50-latency} / {@code p95-latency} /
 * {@code p99-latency: "< 2s"}, {@code throughput: "> 15/s"}; comparisons {@code <}, {@code <=}, {@code >},
 * {@code >=}; and the same keys under {@code during-faults:} for the items submitted inside the fault windows.
 */
public final class SloObjectiveType implements ObjectiveType {
    private static final String DURING_FAULTS = "during-faults";
    private static final Pattern BOUND = Pattern.compile("(<=|>=|<|>)\\s*(\\S.*)");

    @Override
    public String key() {
        return "slo";
    }

    @Override
    public Objective configure(Params section, Topology topology) {
        SloObjective.Metric[] metrics = SloObjective.Metric.values();
        String[] keys = new String[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            keys[i] = metrics[i].key();
        }
        String[] withWindows = java.util.Arrays.copyOf(keys, keys.length + 1);
        withWindows[keys.length] = DURING_FAULTS;
        section.allowOnly(withWindows);
        List<SloObjective.Bound> bounds = new ArrayList<>();
        read(section, SloObjective.Scope.OVERALL, bounds);
        if (section.has(DURING_FAULTS)) {
            Params during = section.section(DURING_FAULTS).orElseThrow();
            during.allowOnly(keys);
            if (during.keys().isEmpty()) {
                throw section.invalid(DURING_FAULTS, "expected at least one bound, like error-rate: \"< 20%\"");
            }
            read(during, SloObjective.Scope.DURING_FAULTS, bounds);
        }
        return new SloObjective(bounds);
    }

    private static void read(Params section, SloObjective.Scope scope, List<SloObjective.Bound> bounds) {
        for (SloObjective.Metric metric : SloObjective.Metric.values()) {
            section.string(metric.key()).ifPresent(text -> bounds.add(bound(section, metric, text, scope)));
        }
    }

    private static SloObjective.Bound bound(Params section, SloObjective.Metric metric, String text,
                                            SloObjective.Scope scope) {
        String example = example(metric);
        Matcher m = BOUND.matcher(text.trim());
        if (!m.matches()) {
            throw section.invalid(metric.key(), "expected a comparison (<, <=, >, >=) and a value, like \"" + example
                    + "\", but was '" + Excerpt.of(text) + "'");
        }
        double threshold;
        try {
            threshold = switch (metric) {
                case ERROR_RATE -> Units.fraction(m.group(2));
                case THROUGHPUT -> Rate.parse(m.group(2)).perSecond();
                default -> Units.duration(m.group(2)).toNanos() / 1_000_000.0;
            };
        } catch (IllegalArgumentException e) {
            throw section.invalid(metric.key(), e.getMessage() + " (e.g. \"" + example + "\")");
        }
        return new SloObjective.Bound(metric, SloObjective.Comparison.of(m.group(1)), threshold, scope);
    }

    private static String example(SloObjective.Metric metric) {
        return switch (metric) {
            case ERROR_RATE -> "< 5%";
            case THROUGHPUT -> "> 15/s";
            default -> "< 2s";
        };
    }
}
