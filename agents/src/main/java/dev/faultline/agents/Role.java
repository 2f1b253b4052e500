package dev.faultline.agents;

import java.util.Locale;
import java.util.Optional;

/** What one agent process does; chosen by {@code AGENT_ROLE}. */
enum Role {
    ORCHESTRATOR,
    WORKER,
    /** One of replicas of which only the holder of the leader lease forwards plans to the workers ({@link Planner}). */
    PLANNER;

    /** The lower-case name used in the environment and in JSON. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> fromId(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
