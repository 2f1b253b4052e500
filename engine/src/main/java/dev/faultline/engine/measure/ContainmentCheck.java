package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.TimelineEvent.Sample;

/** Finds how far the faults spread, from the samples of every lane (see {@link ContainmentMeasure}). */
final class ContainmentCheck {
    private ContainmentCheck() {
    }

    /**
     * @param samples every lane's samples, in time order
     * @param faults  the figures of every fault of the run (their recovery points end the judged window)
     */
    static ContainmentMeasure of(RunRecord run, Map<Lane, List<Sample>> samples, List<FaultMeasure> faults) {
        List<FaultMeasure> injected = faults.stream().filter(FaultMeasure::injected).toList();
        if (injected.isEmpty()) {
            return new ContainmentMeasure(List.of(), null, List.of(), -1, -1, List.of());
        }
        long from = injected.stream().mapToLong(FaultMeasure::injectedAt).min().orElseThrow();
        long to = injected.stream().allMatch(FaultMeasure::recovered)
                ? injected.stream().mapToLong(FaultMeasure::recoveredAt).max().orElseThrow()
                : Long.MAX_VALUE;

        Map<Lane, String> serviceOfLane = serviceOfLane(run);
        Map<String, Long> firstFailure = new HashMap<>();
        samples.forEach((lane, laneSamples) -> {
            String service = serviceOfLane.get(lane);
            if (service == null) {
                return;
            }
            for (Sample s : laneSamples) {
                if (!s.ok() && s.t() >= from && s.t() <= to) {
                    firstFailure.merge(service, s.t(), Math::min);
                    break;
                }
            }
        });

        Topology topology = run.scenario().topology();
        Set<String> targets = targets(run);
        Map<String, Integer> depths = topology.cascadeDepthFrom(targets);
        List<String> declared = new ArrayList<>(topology.services().keySet());
        List<ContainmentMeasure.DegradedService> order = firstFailure.entrySet().stream()
                .map(e -> new ContainmentMeasure.DegradedService(e.getKey(), e.getValue(), depths.get(e.getKey())))
                .sorted(Comparator.comparingLong(ContainmentMeasure.DegradedService::firstFailureAt)
                        .thenComparingInt(d -> declaredIndex(declared, d.service()))
                        .thenComparing(ContainmentMeasure.DegradedService::service))
                .toList();
        Integer depth = order.stream().map(ContainmentMeasure.DegradedService::cascadeDepth).filter(Objects::nonNull)
                .max(Integer::compare).orElse(null);
        return new ContainmentMeasure(order.stream().map(ContainmentMeasure.DegradedService::service).toList(), depth,
                order, from, to, List.copyOf(targets));
    }

    /** The services the injected faults targeted, in the scenario's order of faults. */
    private static Set<String> targets(RunRecord run) {
        Set<String> targets = new LinkedHashSet<>();
        for (FaultWindow w : run.faults()) {
            if (w.injected()) {
                targets.add(w.spec().target().service());
            }
        }
        return targets;
    }

    private static int declaredIndex(List<String> declared, String service) {
        int i = declared.indexOf(service);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** {@code health:<instance>} to the service owning the instance, {@code probe:<name>} to the probed service. */
    private static Map<Lane, String> serviceOfLane(RunRecord run) {
        Map<Lane, String> map = new HashMap<>();
        run.instances().forEach((service, instances) -> instances.forEach(i -> map.put(Lane.health(i), service)));
        for (Probe p : run.scenario().probes()) {
            map.put(Lane.probe(p.name()), p.http().service().service());
        }
        return map;
    }
}
