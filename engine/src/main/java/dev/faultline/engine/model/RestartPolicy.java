package dev.faultline.engine.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a supervisor does when a service's process dies: {@code restart: {policy, delay, strategy}}. The policy says
 * whether it acts, the strategy how it brings the service back.
 */
public record RestartPolicy(Policy policy, Duration delay, Strategy strategy) {
    public enum Policy {
        NO, ON_FAILURE, ALWAYS;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How a dead instance is brought back (the article's recovery strategies). */
    public enum Strategy {
        /** The same container is started again. */
        RESTART,
        /** As {@link #RESTART}; the instance is back once its {@code state} endpoint reports {@code restoredFrom}. */
        RESTORE,
        /** The container is removed and a fresh one created from the image, same name and network aliases. */
        REDEPLOY,
        /** Not replaced: the service runs on with one replica fewer, and probes ask the remaining ones only. */
        SCALE_DOWN;

        /** As written in YAML, {@code timeline.jsonl} and {@code result.json}: {@code scale-down}. */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether the instance comes back (every strategy but {@link #SCALE_DOWN}). */
        public boolean replaces() {
            return this != SCALE_DOWN;
        }
    }

    public static final RestartPolicy NEVER = new RestartPolicy(Policy.NO, Duration.ZERO);

    /** With the {@code restart} strategy. */
    public RestartPolicy(Policy policy, Duration delay) {
        this(policy, delay, Strategy.RESTART);
    }

    public RestartPolicy {
        Objects.requireNonNull(policy, "restart.policy");
        Checks.notNegative(delay, "restart.delay");
        Objects.requireNonNull(strategy, "restart.strategy");
        if (policy == Policy.NO && strategy != Strategy.RESTART) {
            throw new IllegalArgumentException("restart.strategy " + strategy.yamlName()
                    + " needs restart.policy on-failure or always, but the policy was no");
        }
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
