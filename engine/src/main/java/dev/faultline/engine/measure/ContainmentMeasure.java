package dev.faultline.engine.measure;

import java.util.List;

/**
 * How far the faults spread: which services had a failing sample between the first injection and the end of
 * recovery.
 *
 * @param degraded     the degraded services, in the order they first failed
 * @param cascadeDepth the largest cascade depth among degraded services that have one; null when none has
 * @param cascadeOrder each degraded service with its first failing sample and its depth, in that order
 * @param from         start of the judged window: the first injection (-1 when no fault was injected)
 * @param to           end of the judged window: the latest recovery point, or {@link Long#MAX_VALUE} when a fault
 *                     did not recover (-1 when no fault was injected)
 * @param targets      the fault targets: the services the injected faults targeted, in the scenario's order of
 *                     faults; cascade depths count from them, and they may always degrade
 */
public record ContainmentMeasure(List<String> degraded, Integer cascadeDepth, List<DegradedService> cascadeOrder,
                                 long from, long to, List<String> targets) {

    public ContainmentMeasure {
        degraded = List.copyOf(degraded);
        cascadeOrder = List.copyOf(cascadeOrder);
        targets = List.copyOf(targets);
    }

    /** The degraded services at the largest cascade depth, in the order they first failed; empty when none has one. */
    public List<String> deepest() {
        if (cascadeDepth == null) {
            return List.of();
        }
        return cascadeOrder.stream().filter(d -> cascadeDepth.equals(d.cascadeDepth()))
                .map(DegradedService::service).toList();
    }

    /**
     * One degraded service.
     *
     * @param firstFailureAt its first failing sample in the window
     * @param cascadeDepth   its distance along depends-on from the nearest fault target (0 for a target); null
     *                       when no depends-on path leads to it from a target
     */
    public record DegradedService(String service, long firstFailureAt, Integer cascadeDepth) {
    }
}
