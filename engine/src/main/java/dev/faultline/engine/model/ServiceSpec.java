package dev.faultline.engine.model;

import java.util.List;
import java.util.Map;

/**
 * One service of a topology; {@code replicas > 1} makes containers {@code name-0}, {@code name-1}, ...
 * {@code state} (optional) is where each instance reports its own view of the work after recovery, checked against
 * the ledger.
 */
public record ServiceSpec(
        String name,
        String image,
        Role role,
        int replicas,
        Map<String, String> env,
        List<Integer> ports,
        HealthCheck health,
        List<String> dependsOn,
        RestartPolicy restart,
        Resources resources,
        HealthCheck state) {

    /** A service without a state endpoint. */
    public ServiceSpec(String name, String image, Role role, int replicas, Map<String, String> env, List<Integer> ports,
                       HealthCheck health, List<String> dependsOn, RestartPolicy restart, Resources resources) {
        this(name, image, role, replicas, env, ports, health, dependsOn, restart, resources, null);
    }

    public ServiceSpec {
        Checks.notBlank(name, "service name");
        Checks.notBlank(image, "services." + name + ".image");
        java.util.Objects.requireNonNull(role, "services." + name + ".role");
        if (replicas < 1) {
            throw new IllegalArgumentException("services." + name + ".replicas must be at least 1, but was " + replicas);
        }
        env = Map.copyOf(env);
        ports = List.copyOf(ports);
        dependsOn = List.copyOf(dependsOn);
        restart = restart == null ? RestartPolicy.NEVER : restart;
        resources = resources == null ? Resources.UNLIMITED : resources;
        if (restart.strategy() == RestartPolicy.Strategy.RESTORE && state == null) {
            throw new IllegalArgumentException("restart.strategy restore needs a state endpoint (state: {path, port})"
                    + " where the instance reports restoredFrom, but there was none");
        }
    }

    /** Container names of this service: {@code worker-0, worker-1} for replicas, else the service name. */
    public List<String> instanceNames() {
        if (replicas == 1) {
            return List.of(name);
        }
        return java.util.stream.IntStream.range(0, replicas).mapToObj(i -> name + "-" + i).toList();
    }

    public boolean isAgent() {
        return role == Role.AGENT;
    }
}
