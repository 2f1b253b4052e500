package dev.faultline.engine.timeline;

import java.util.List;

import dev.faultline.engine.model.FaultSpec;

/**
 * When one fault was in force: {@code injectedAt} to {@code revertedAt} (ms on the timeline; -1 if it never
 * was injected or reverted). For an instantaneous fault (a crash) the window is the instant of injection.
 * {@code lastActedAt} is the last time the fault acted on its targets: its injection, or the last time it acted again
 * after it (a repeated crash, {@link FaultState#ACTED_AGAIN}); -1 if it never was injected.
 */
public record FaultWindow(FaultSpec spec, List<String> instances, long injectedAt, long lastActedAt, long revertedAt,
                          boolean instantaneous, String error) {

    public FaultWindow {
        instances = List.copyOf(instances);
        if (lastActedAt < injectedAt) {
            throw new IllegalArgumentException("lastActedAt must not be before injectedAt " + injectedAt
                    + ", but was " + lastActedAt);
        }
    }

    /** A fault that acted once, at its injection. */
    public FaultWindow(FaultSpec spec, List<String> instances, long injectedAt, long revertedAt,
                       boolean instantaneous, String error) {
        this(spec, instances, injectedAt, injectedAt, revertedAt, instantaneous, error);
    }

    /**
     * Where recovery is measured from: for an instantaneous fault the last time it acted (its injection, or its last
     * repeated crash), else the revert.
     */
    public long recoveryStart() {
        return instantaneous ? lastActedAt : revertedAt;
    }

    public boolean injected() {
        return injectedAt >= 0;
    }
}
