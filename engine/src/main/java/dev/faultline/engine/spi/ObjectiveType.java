package dev.faultline.engine.spi;

import dev.faultline.engine.model.Topology;

/** Reads one section under {@code objectives:} ({@code recovery}, {@code integrity}, ...); found through ServiceLoader. */
public interface ObjectiveType {
    String key();

    /**
     * Reads and checks the section (call {@link Params#allowOnly} first; names of services are checked against
     * the topology); no side effects.
     */
    Objective configure(Params section, Topology topology);
}
