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
 * Reads {@code objectives.connections}: per service that a link leads to, {@code peak-rate} and {@code mean-rate}
 * bounds on the connection attempts at its fault proxy, like {@code rabbitmq: { peak-rate: "<= 10/s",
 * mean-rate: "<= 3/s" }}; comparisons {@code <}, {@code <=}, {@code >}, {@code >=}.
 */
public final class ConnectionsObjectiveType implements ObjectiveType {
    private static final Pattern BOUND = Pattern.compile("(<=|>=|<|>)\\s*(\\S.*)");

    @Override
    public String key() {
        return "connections";
    }

    @Override
    public Objective configure(Params section, Topology topology) {
        Set<String> proxied = new TreeSet<>();
        for (Link link : topology.links()) {
            proxied.add(link.to());
        }
        if (section.keys().isEmpty()) {
            throw section.invalid(null, "expected at least one service behind a fault proxy, like rabbitmq: "
                    + "{ peak-rate: \"<= 10/s\" }");
        }
        List<ConnectionsObjective.Bound> bounds = new ArrayList<>();
        for (String service : section.keys()) {
            if (!proxied.contains(service)) {
                throw section.invalid(service, "expected a service that a link leads to ("
                        + (proxied.isEmpty() ? "none in topology " + topology.name() : Figures.names(proxied))
                        + "), but was '" + Excerpt.of(service) + "'");
            }
            Params rates = section.section(service).orElseThrow(() -> section.invalid(service,
                    "expected bounds like { peak-rate: \"<= 10/s\", mean-rate: \"<= 3/s\" }"));
            String[] keys = java.util.Arrays.stream(ConnectionsObjective.Metric.values())
                    .map(ConnectionsObjective.Metric::key).toArray(String[]::new);
            rates.allowOnly(keys);
            if (rates.keys().isEmpty()) {
                throw section.invalid(service, "expected at least one of peak-rate, mean-rate, like "
                        + "peak-rate: \"<= 10/s\"");
            }
            for (ConnectionsObjective.Metric metric : ConnectionsObjective.Metric.values()) {
                rates.string(metric.key()).ifPresent(text -> bounds.add(bound(rates, service, metric, text)));
            }
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
