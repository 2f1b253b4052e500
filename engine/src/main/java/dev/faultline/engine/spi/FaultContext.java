package dev.faultline.engine.spi;

import java.util.List;

import dev.faultline.engine.model.FaultSpec;

/** What a fault may touch while it runs: its targets, the containers, the timeline. */
public interface FaultContext {
    FaultSpec spec();

    /** The container instances the fault's target resolved to (seeded choice for {@code [random]}). */
    List<String> targetInstances();

    ContainerControl containers();

    /** Notes something on the timeline (shown in reports). */
    void note(String message);
}
