package dev.faultline.engine.yaml;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.HealthCheck;
import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.Resources;
import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/** Reads a topology (a file's root, or a scenario's inline {@code topology:}) into {@link Topology}. */
final class TopologyReader {
    static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    /**
     * The longest service name: its network names ({@code faultline-upstream-<name>} behind a fault proxy, and
     * {@code <name>-15} for a replica) must stay DNS labels of at most 63 characters.
     */
    static final int MAX_SERVICE_NAME = 63 - "faultline-upstream-".length();
    /** The most replicas of a service. */
    static final int MAX_REPLICAS = 16;
    /** The smallest CPU limit Docker accepts. */
    static final double MIN_CPUS = 0.01;
    /** The largest memory limit: 256 GiB. */
    static final long MAX_MEMORY = 256L * 1024 * 1024 * 1024;
    private static final long DOCKER_MIN_MEMORY = 6L * 1024 * 1024;
    private static final String[] TOPOLOGY_FIELDS = {"topology", "services", "links"};
    private static final String[] SERVICE_FIELDS = {"image", "role", "replicas", "env", "ports", "health", "state",
            "depends-on", "restart", "resources"};

    private final Problems problems;

    TopologyReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The topology in {@code root}, or {@code null} when it has problems (all recorded).
     *
     * @param defaultName the name when {@code topology:} is absent (an inline topology), or {@code null} when the
     *                    name is required (a topology file)
     */
    Topology read(YamlParams root, String defaultName) {
        int before = problems.count();
        problems.attempt(() -> root.allowOnly(TOPOLOGY_FIELDS));
        String name = problems.attempt(() -> defaultName == null
                ? Fields.name(root.requiredValue("topology"), "support-desk")
                : root.value("topology").map(v -> Fields.name(v, "support-desk")).orElse(defaultName));

        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, List<YamlValue>> dependsOn = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>();
        YamlParams servicesSection = problems.attempt(() -> root.requiredValue("services").mapping());
        if (servicesSection != null) {
            for (String serviceName : servicesSection.keys()) {
                declared.add(serviceName);
                if (!SERVICE_NAME.matcher(serviceName).matches() || serviceName.length() > MAX_SERVICE_NAME) {
                    problems.addAll(servicesSection.keyOf(serviceName).orElseThrow().invalid(
                            "expected a service name of at most " + MAX_SERVICE_NAME + " characters matching "
                                    + "[a-z0-9]([a-z0-9-]*[a-z0-9])? (e.g. worker) but was '" + Excerpt.of(serviceName)
                                    + "'"));
                }
                YamlParams section = problems.attempt(() -> servicesSection.sectionOrEmpty(serviceName));
                if (section != null) {
                    ServiceSpec spec = readService(serviceName, section, dependsOn);
                    if (spec != null) {
                        services.put(serviceName, spec);
                    }
                }
            }
        }
        checkInstanceNames(servicesSection, services);
        checkDependencies(declared, dependsOn);
        List<Link> links = readLinks(root, servicesSection == null ? null : declared);

        if (problems.count() != before || name == null) {
            return null;
        }
        return problems.build(root, () -> new Topology(name, services, links));
    }

    private ServiceSpec readService(String name, YamlParams p, Map<String, List<YamlValue>> dependsOn) {
        int before = problems.count();
        problems.attempt(() -> p.allowOnly(SERVICE_FIELDS));
        String image = problems.attempt(() -> Fields.image(p.requiredValue("image")));
        Role role = problems.attempt(() -> p.enumValue("role", Role.class).orElse(Role.OTHER));
        Integer replicas = problems.attempt(() -> p.value("replicas")
                .map(v -> v.integer(1, MAX_REPLICAS, "an integer from 1 to " + MAX_REPLICAS)).orElse(1));
        Map<String, String> env = readEnv(p);
        List<Integer> ports = readPorts(p);
        HealthCheck health = problems.attempt(() -> p.value("health").map(this::readHealth).orElse(null));
        HealthCheck state = problems.attempt(() -> p.value("state").map(this::readHealth).orElse(null));
        List<String> dependencies = new ArrayList<>();
        problems.attempt(() -> p.value("depends-on").ifPresent(v -> {
            List<YamlValue> items = new ArrayList<>();
            for (YamlValue item : v.items()) {
                String dependency = problems.attempt(() -> Fields.nonBlank(item));
                if (dependency != null) {
                    items.add(item);
                    dependencies.add(dependency);
                }
            }
            dependsOn.put(name, items);
        }));
        RestartPolicy restart = problems.attempt(() -> p.value("restart").map(this::readRestart).orElse(null));
        Resources resources = problems.attempt(() -> p.value("resources").map(this::readResources).orElse(null));
        if (problems.count() != before) {
            return null;
        }
        return problems.build(p, () -> new ServiceSpec(name, image, role, replicas, env, ports, health, dependencies,
                restart, resources, state));
    }

    private Map<String, String> readEnv(YamlParams p) {
        Map<String, String> env = new LinkedHashMap<>();
        YamlParams section = problems.attempt(() -> p.value("env").map(YamlValue::mapping).orElse(null));
        if (section != null) {
            for (String key : section.keys()) {
                if (problems.attempt(() -> Fields.envName(section.keyOf(key).orElseThrow())) == null) {
                    continue;
                }
                YamlValue value = section.rawValue(key).orElseThrow();
                if (value.isNull()) {
                    env.put(key, "");
                } else if (value.isScalar()) {
                    String text = problems.attempt(() -> Fields.envValue(value));
                    if (text != null) {
                        env.put(key, text);
                    }
                } else {
                    problems.addAll(value.expected("a string, number or boolean"));
                }
            }
        }
        return env;
    }

    private List<Integer> readPorts(YamlParams p) {
        List<Integer> ports = new ArrayList<>();
        List<YamlValue> items = problems.attempt(() -> p.value("ports").map(YamlValue::items).orElse(List.of()));
        if (items != null) {
            for (YamlValue item : items) {
                Integer port = problems.attempt(item::port);
                if (port != null) {
                    ports.add(port);
                }
            }
        }
        return ports;
    }

    private HealthCheck readHealth(YamlValue value) {
        YamlParams health = value.mapping();
        problems.attempt(() -> health.allowOnly("path", "port"));
        String path = problems.attempt(() -> Fields.httpPath(health.requiredValue("path")));
        Integer port = problems.attempt(() -> health.requiredValue("port").port());
        if (path == null || port == null) {
            return null;
        }
        return problems.build(health, () -> new HealthCheck(path, port));
    }

    private RestartPolicy readRestart(YamlValue value) {
        YamlParams restart = value.mapping();
        problems.attempt(() -> restart.allowOnly("policy", "delay", "strategy"));
        RestartPolicy.Policy policy = problems.attempt(
                () -> restart.requiredValue("policy").enumValue(RestartPolicy.Policy.class));
        Duration delay = problems.attempt(() -> restart.duration("delay").orElse(Duration.ZERO));
        RestartPolicy.Strategy strategy = problems.attempt(() -> restart.enumValue("strategy",
                RestartPolicy.Strategy.class).orElse(RestartPolicy.Strategy.RESTART));
        if (policy == null || delay == null || strategy == null) {
            return null;
        }
        return problems.build(restart, () -> new RestartPolicy(policy, delay, strategy));
    }

    private Resources readResources(YamlValue value) {
        YamlParams resources = value.mapping();
        int before = problems.count();
        problems.attempt(() -> resources.allowOnly("cpus", "memory", "disk"));
        Double cpus = problems.attempt(() -> resources.value("cpus").map(v -> {
            double n = v.number();
            int available = Runtime.getRuntime().availableProcessors();
            if (!(n >= MIN_CPUS)) {
                throw v.expected("a number of at least " + MIN_CPUS + " (e.g. 1.5)");
            }
            if (n > available) {
                throw v.expected("at most " + available + ", the CPUs of this machine (Docker refuses more)");
            }
            return n;
        }).orElse(null));
        Long memory = problems.attempt(() -> resources.value("memory").map(v -> {
            long bytes = v.bytes();
            if (bytes < DOCKER_MIN_MEMORY || bytes > MAX_MEMORY) {
                throw v.expected("a size from 6m (Docker's minimum) to 256g");
            }
            return bytes;
        }).orElse(null));
        Resources.Disk disk = problems.attempt(() -> resources.value("disk").map(this::readDisk).orElse(null));
        if (problems.count() != before) {
            return null;
        }
        return problems.build(resources, () -> new Resources(cpus, memory, disk));
    }

    /** {@code disk: {path: /var/lib/agent, size: 64m}}: a bounded writable space (a tmpfs) at that path. */
    private Resources.Disk readDisk(YamlValue value) {
        YamlParams disk = value.mapping();
        int before = problems.count();
        problems.attempt(() -> disk.allowOnly("path", "size"));
        String path = problems.attempt(() -> {
            YamlValue v = disk.requiredValue("path");
            String text = v.text();
            try {
                return new Resources.Disk(text, Resources.Disk.MAX_BYTES).path();
            } catch (IllegalArgumentException e) {
                throw v.expected("an absolute path other than / without '..', commas, colons, spaces or control"
                        + " characters (e.g. /var/lib/agent)");
            }
        });
        Long size = problems.attempt(() -> {
            YamlValue v = disk.requiredValue("size");
            long bytes = v.bytes();
            if (bytes < 1024 * 1024 || bytes > Resources.Disk.MAX_BYTES) {
                throw v.expected("a size from 1m to 16g (it is held in memory)");
            }
            return bytes;
        });
        if (problems.count() != before) {
            return null;
        }
        return problems.build(disk, () -> new Resources.Disk(path, size));
    }

    /** No service is named as another's replica ({@code worker-0} beside {@code worker} with two replicas). */
    private void checkInstanceNames(YamlParams section, Map<String, ServiceSpec> services) {
        for (ServiceSpec service : services.values()) {
            if (service.replicas() == 1) {
                continue;
            }
            for (String instance : service.instanceNames()) {
                if (services.containsKey(instance)) {
                    problems.addAll(section.keyOf(instance).orElseThrow().invalid("the service name " + instance
                            + " is also the network name of a replica of " + service.name() + "; rename one of them"));
                }
            }
        }
    }

    /** Every name in {@code depends-on} must be a service, not the service itself, and there must be no cycle. */
    private void checkDependencies(List<String> declared, Map<String, List<YamlValue>> dependsOn) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Map.Entry<String, List<YamlValue>> entry : dependsOn.entrySet()) {
            List<String> targets = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (YamlValue item : entry.getValue()) {
                String dependency = item.text();
                if (dependency.equals(entry.getKey())) {
                    problems.addAll(item.invalid("a service cannot depend on itself"));
                } else if (!declared.contains(dependency)) {
                    problems.addAll(item.invalid(Hints.unknown("unknown service '" + Excerpt.of(dependency) + "'", dependency,
                            declared, "Services:")));
                } else if (!seen.add(dependency)) {
                    problems.addAll(item.invalid("'" + Excerpt.of(dependency) + "' is listed twice"));
                } else {
                    targets.add(dependency);
                }
            }
            edges.put(entry.getKey(), targets);
        }
        for (List<String> cycle : cycles(declared, edges)) {
            String first = cycle.get(0);
            String second = cycle.get(1);
            YamlValue at = dependsOn.get(first).stream().filter(v -> v.text().equals(second)).findFirst().orElseThrow();
            problems.addAll(at.invalid("depends-on has a cycle: " + String.join(" -> ", cycle)));
        }
    }

    /** Each cycle once, starting at its member declared first and ending where it started: {@code [a, b, a]}. */
    static List<List<String>> cycles(List<String> declared, Map<String, List<String>> edges) {
        List<List<String>> cycles = new ArrayList<>();
        Set<Set<String>> reported = new HashSet<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
        for (String start : declared) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> stack = new ArrayDeque<>();
            visit(start, edges, state, stack, cycles, reported, declared);
        }
        return cycles;
    }

    private static void visit(String node, Map<String, List<String>> edges, Map<String, Integer> state,
                              Deque<String> stack, List<List<String>> cycles, Set<Set<String>> reported,
                              List<String> declared) {
        state.put(node, 1);
        stack.addLast(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            Integer s = state.get(next);
            if (s == null) {
                visit(next, edges, state, stack, cycles, reported, declared);
            } else if (s == 1) {
                List<String> path = new ArrayList<>(stack);
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                if (reported.add(new HashSet<>(cycle))) {
                    int firstDeclared = 0;
                    for (int i = 1; i < cycle.size(); i++) {
                        if (declared.indexOf(cycle.get(i)) < declared.indexOf(cycle.get(firstDeclared))) {
                            firstDeclared = i;
                        }
                    }
                    List<String> rotated = new ArrayList<>(cycle.subList(firstDeclared, cycle.size()));
                    rotated.addAll(cycle.subList(0, firstDeclared));
                    rotated.add(rotated.get(0));
                    cycles.add(rotated);
                }
            }
        }
        stack.removeLast();
        state.put(node, 2);
    }

    private List<Link> readLinks(YamlParams root, List<String> declared) {
        List<Link> links = new ArrayList<>();
        List<YamlValue> items = problems.attempt(() -> root.value("links").map(YamlValue::items).orElse(List.of()));
        if (items == null) {
            return links;
        }
        Map<String, String> seen = new HashMap<>();
        for (YamlValue item : items) {
            YamlParams link = problems.attempt(item::mapping);
            if (link == null) {
                continue;
            }
            int before = problems.count();
            problems.attempt(() -> link.allowOnly("from", "to", "port"));
            String from = problems.attempt(() -> service(link.requiredValue("from"), declared));
            String to = problems.attempt(() -> service(link.requiredValue("to"), declared));
            Integer port = problems.attempt(() -> link.requiredValue("port").port());
            if (from != null && from.equals(to)) {
                problems.addAll(link.invalid("to", "a link joins two different services, but from and to are both '"
                        + from + "'"));
            }
            if (problems.count() != before) {
                continue;
            }
            String id = from + "->" + to + ":" + port;
            String first = seen.putIfAbsent(id, link.path());
            if (first != null) {
                problems.addAll(link.invalid(null, "duplicate link " + id + " (same as " + first + ")"));
                continue;
            }
            Link built = problems.build(link, () -> new Link(from, to, port));
            if (built != null) {
                links.add(built);
            }
        }
        return links;
    }

    /** A service name that must be declared (not checked when the services could not be read). */
    private static String service(YamlValue value, List<String> declared) {
        String name = Fields.nonBlank(value);
        if (declared != null && !declared.contains(name)) {
            throw value.invalid(Hints.unknown("unknown service '" + Excerpt.of(name) + "'", name, declared, "Services:"));
        }
        return name;
    }
}
