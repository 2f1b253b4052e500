package dev.faultline.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Services (in declaration order), their dependencies and links. */
public record Topology(String name, Map<String, ServiceSpec> services, List<Link> links) {

    public Topology {
        Checks.notBlank(name, "topology");
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        links = List.copyOf(links);
    }

    public Optional<ServiceSpec> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** Service name -> its container instances ({@code worker -> [worker-0, worker-1]}), in declaration order. */
    public Map<String, List<String>> instances() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ServiceSpec s : services.values()) {
            out.put(s.name(), s.instanceNames());
        }
        return out;
    }

    /** Services ordered so that each comes after everything it depends on (declaration order otherwise). */
    public List<ServiceSpec> startOrder() {
        List<ServiceSpec> ordered = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        while (ordered.size() < services.size()) {
            boolean progressed = false;
            for (ServiceSpec s : services.values()) {
                if (!done.contains(s.name()) && done.containsAll(s.dependsOn())) {
                    ordered.add(s);
                    done.add(s.name());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("depends-on has a cycle among " + services.keySet());
            }
        }
        return ordered;
    }

    /**
     * Services grouped by how deep they sit in depends-on: level 0 depends on nothing, level {@code n} on services
     * of lower levels, at least one of them at level {@code n - 1}. Every service of a level can start at once
     * when the levels before it are up. Declaration order within a level.
     */
    public List<List<ServiceSpec>> startLevels() {
        Map<String, Integer> levelOf = new LinkedHashMap<>();
        for (ServiceSpec s : startOrder()) {
            int level = 0;
            for (String dependency : s.dependsOn()) {
                level = Math.max(level, levelOf.get(dependency) + 1);
            }
            levelOf.put(s.name(), level);
        }
        List<List<ServiceSpec>> levels = new ArrayList<>();
        for (ServiceSpec s : services.values()) {
            int level = levelOf.get(s.name());
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(s);
        }
        return levels.stream().map(List::copyOf).toList();
    }

    /** Distance along depends-on edges (in either direction of who depends on whom: dependants of a target). */
    public Map<String, Integer> cascadeDepthFrom(java.util.Collection<String> targets) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        for (String t : targets) {
            if (services.containsKey(t) && depth.putIfAbsent(t, 0) == null) {
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (ServiceSpec s : services.values()) {
                if (s.dependsOn().contains(current) && !depth.containsKey(s.name())) {
                    depth.put(s.name(), depth.get(current) + 1);
                    queue.add(s.name());
                }
            }
        }
        return depth;
    }
}
