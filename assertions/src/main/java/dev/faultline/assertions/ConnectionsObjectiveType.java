package dev.faultline.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code objectives.connections}: {@code service} (required; one that a link leads to) and {@code peak-rate}
 * and {@code mean-rate} bounds (at least one) on the connection attempts at its fault proxy, like
 * {@code { service: rabbitmq, peak-rate: "<= 10/s", mean-rate: "<= 3/s" }}; comparisons {@code <}, {@code <=},
 * {@code >}, {@code >=}.
 */
public final class ConnectionsObjectiveType implements ObjectiveType {
    private static final Pattern BOUND = Pattern.compile("(<=|>=|<|>)\\s*(\\S.*)");

    @Override
    public String key() {
        return "connections";
    }

    @Override
    public Objective configure(Params section, Topology topology) {
        section.allowOnly("service", "peak-rate", "mean-rate");
        Set<String> proxied = new TreeSet<>();
        for (Link link : topology.links()) {
            proxied.add(link.to());
        }
        String service = section.string("service").orElseThrow(() -> section.invalid("service",
                "is required: the service behind the fault proxy, one that a link leads to ("
                        + (proxied.isEmpty() ? "none in topology " + topology.name() : Figures.names(proxied)) + ")"));
        if (!proxied.contains(service)) {
            throw section.invalid("service", "expected a service that a link leads to ("
                    + (proxied.isEmpty() ? "none in topology " + topology.name() : Figures.names(proxied))
                    + "), but was '" + Excerpt.of(service) + "'");
        }
        List<ConnectionsObjective.Bound> bounds = new ArrayList<>();
        for (ConnectionsObjective.Metric metric : ConnectionsObjective.Metric.values()) {
            section.string(metric.key()).ifPresent(text -> bounds.add(bound(section, service, metric, text)));
        }
        if (bounds.isEmpty()) {
            throw section.invalid("peak-rate", "expected at least one of peak-rate, mean-rate, like peak-rate: \"<= 10/s\"");
        }
        return new ConnectionsObjective(bounds);
    }

    private static ConnectionsObjective.Bound bound(Params rates, String service, ConnectionsObjective.Metric metric,
                                                    String text) {
        Matcher m = BOUND.matcher(text.trim());
        if (!m.matches()) {
            throw rates.invalid(metric.key(), "expected a comparison (<, <=, >, >=) and a rate, like \"<= 10/s\", but "
                    + "was '" + Excerpt.of(text) + "'");
        }
        double perSecond;
        try {
            perSecond = Rate.parse(m.group(2)).perSecond();
        } catch (IllegalArgumentException e) {
            throw rates.invalid(metric.key(), e.getMessage() + " (e.g. \"<= 10/s\")");
        }
        return new ConnectionsObjective.Bound(service, metric, SloObjective.Comparison.of(m.group(1)), perSecond);
    }
}
