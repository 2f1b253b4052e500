package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.TimelineEvent.ServiceChange;

/**
 * When Docker stopped the instances each lane asks: paused one (its every process frozen) or saw its process die, as
 * the run's timeline records the daemon's events ({@link ServiceChange} {@code paused}, {@code died}). Each is placed
 * when the event reached the harness, which is after the daemon stamped it, which is after the instance stopped. A
 * lane's sample asks every instance it reaches and fails when any of them fails, so a request the lane sends from
 * such a moment on is not served: a failure that began after the lane's last pass was sent began by then
 * ({@link Bounds.LaneEvidence}).
 *
 * @param byLane lane -> the moments (timeline ms, ascending) an instance it asks was stopped
 */
record Stops(Map<Lane, long[]> byLane) {
    Stops {
        byLane = Map.copyOf(byLane);
    }

    long[] of(Lane lane) {
        return byLane.getOrDefault(lane, new long[0]);
    }

    /** The stops of the run's probe lanes and of its instances' health lanes. */
    static Stops of(RunRecord run) {
        Map<String, List<Long>> byInstance = new HashMap<>();
        for (ServiceChange c : run.timeline().events(ServiceChange.class,
                c -> c.change() == ServiceState.PAUSED || c.change() == ServiceState.DIED)) {
            byInstance.computeIfAbsent(c.instance(), k -> new ArrayList<>()).add(c.t());
        }
        Map<Lane, long[]> byLane = new HashMap<>();
        for (Probe p : run.scenario().probes()) {
            Target target = p.http().service();
            List<String> asked = target.probedAmong(run.instances().getOrDefault(target.service(), List.of()));
            byLane.put(Lane.probe(p.name()), moments(asked, byInstance));
        }
        for (List<String> instances : run.instances().values()) {
            for (String instance : instances) {
                byLane.put(Lane.health(instance), moments(List.of(instance), byInstance));
            }
        }
        return new Stops(byLane);
    }

    private static long[] moments(List<String> instances, Map<String, List<Long>> byInstance) {
        return instances.stream().flatMap(i -> byInstance.getOrDefault(i, List.of()).stream())
                .mapToLong(Long::longValue).sorted().toArray();
    }
}
