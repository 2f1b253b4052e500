package dev.faultline.engine.model;

import java.time.Duration;

/** What a supervisor does when a service's process dies: {@code restart: {policy, delay}}. */
public record RestartPolicy(Policy policy, Duration delay) {
    public enum Policy {
        NO, ON_FAILURE, ALWAYS;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final RestartPolicy NEVER = new RestartPolicy(Policy.NO, Duration.ZERO);

    public RestartPolicy {
        java.util.Objects.requireNonNull(policy, "restart.policy");
        Checks.notNegative(delay, "restart.delay");
    }

    /** Whether a process that ended with this exit code is brought back. */
    public boolean restartsAfter(long exitCode) {
        return switch (policy) {
            case NO -> false;
            case ON_FAILURE -> exitCode != 0;
            case ALWAYS -> true;
        };
    }
}
