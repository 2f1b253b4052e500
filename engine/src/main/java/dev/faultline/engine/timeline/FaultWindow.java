package dev.faultline.engine.timeline;

import java.util.List;

import dev.faultline.engine.model.FaultSpec;

/**
 * When one fault was in force: {@code injectedAt} to {@code revertedAt} (ms on the timeline; -1 if it never
 * was injected or reverted). For an instantaneous fault (a crash) the window is the instant of injection.
 */
public record FaultWindow(FaultSpec spec, List<String> instances, long injectedAt, long revertedAt,
                          boolean instantaneous, String error) {

    public FaultWindow {
        instances = List.copyOf(instances);
    }

    /** Where recovery is measured from: injection for instantaneous faults, else the revert. */
    public long recoveryStart() {
        return instantaneous ? injectedAt : revertedAt;
    }

    public boolean injected() {
        return injectedAt >= 0;
    }
}
