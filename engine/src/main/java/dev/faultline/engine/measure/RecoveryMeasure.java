package dev.faultline.engine.measure;

import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.TimelineEvent.InstanceRecovery;

/**
 * How the supervisor brought one dead instance back by its service's {@code restart.strategy}, as recorded on the
 * timeline ({@link InstanceRecovery}): one per death the restart policy acted on, in time order.
 *
 * @param service     the instance's service ({@code worker} for {@code worker-0})
 * @param diedAtMs    Docker's time of death, ms since the run started
 * @param doneAtMs    when it was back, or when the supervisor gave up on it
 * @param durationMs  death to {@code doneAtMs}
 * @param recovered   whether it came back (scale-down: whether the remaining replicas served)
 * @param detail      what it waited for, or why it did not come back
 */
public record RecoveryMeasure(String instance, String service, RestartPolicy.Strategy strategy, long diedAtMs,
                              long doneAtMs, long durationMs, boolean recovered, String detail) {

    /** Every recovery on the run's timeline, in time order. */
    public static List<RecoveryMeasure> of(RunRecord run) {
        Map<String, List<String>> instances = run.instances();
        return run.timeline().events(InstanceRecovery.class, r -> true).stream()
                .map(r -> new RecoveryMeasure(r.instance(), serviceOf(instances, r.instance()), r.strategy(),
                        r.diedAt(), r.t(), r.durationMs(), r.recovered(), r.detail()))
                .toList();
    }

    private static String serviceOf(Map<String, List<String>> instances, String instance) {
        return instances.entrySet().stream().filter(e -> e.getValue().contains(instance)).map(Map.Entry::getKey)
                .findFirst().orElse(instance);
    }
}
