package dev.faultline.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.model.Units;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code objectives.slo}: {@code error-rate: "< 5%"}, {@code p50-latency} / {@code p95-latency} /
 * {@code p99-latency: "< 2s"}, {@code throughput: "> 15/s"}; comparisons {@code <}, {@code <=}, {@code >},
 * {@code >=}.
 */
public final class SloObjectiveType implements ObjectiveType {
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
        section.allowOnly(keys);
        List<SloObjective.Bound> bounds = new ArrayList<>();
        for (SloObjective.Metric metric : metrics) {
            section.string(metric.key()).ifPresent(text -> bounds.add(bound(section, metric, text)));
        }
        return new SloObjective(bounds);
    }

    private static SloObjective.Bound bound(Params section, SloObjective.Metric metric, String text) {
        String example = example(metric);
        Matcher m = BOUND.matcher(text.trim());
        if (!m.matches()) {
            throw section.invalid(metric.key(), "expected a comparison (<, <=, >, >=) and a value, like \"" + example
                    + "\", but was '" + text + "'");
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
        return new SloObjective.Bound(metric, SloObjective.Comparison.of(m.group(1)), threshold);
    }

    private static String example(SloObjective.Metric metric) {
        return switch (metric) {
            case ERROR_RATE -> "< 5%";
            case THROUGHPUT -> "> 15/s";
            default -> "< 2s";
        };
    }
}
