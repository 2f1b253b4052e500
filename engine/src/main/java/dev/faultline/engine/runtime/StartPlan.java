package dev.faultline.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/**
 * What a topology starts together, level after level: first the fault proxies with the services that depend on
 * nothing, then each next level of depends-on ({@link Topology#startLevels()}). Every proxy is in the first level,
 * wherever its service is: a proxy must be listening before the first client of its service starts.
 */
record StartPlan(List<Level> levels) {

    /** Started at once: the proxies in front of {@code proxied} (sorted) and every replica of {@code services}. */
    record Level(List<String> proxied, List<ServiceSpec> services) {
        Level {
            proxied = List.copyOf(proxied);
            services = List.copyOf(services);
        }
    }

    StartPlan {
        levels = List.copyOf(levels);
    }

    static StartPlan of(Topology topology) {
        List<String> proxied = List.copyOf(new TreeSet<>(topology.links().stream().map(Link::to).toList()));
        List<Level> levels = new ArrayList<>();
        for (List<ServiceSpec> services : topology.startLevels()) {
            levels.add(new Level(levels.isEmpty() ? proxied : List.of(), services));
        }
        return new StartPlan(levels);
    }
}
