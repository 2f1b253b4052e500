package dev.faultline.engine.measure;

import java.util.List;
import java.util.Map;

/**
 * Whether what the agents report about their own work after recovery agrees with the ledger. Each service that
 * declares a {@code state} endpoint reports a {@code ledger} object per instance; the figures are summed over the
 * service's instances and each known key must fall in the range the ledger implies:
 * <ul>
 * <li>{@code accepted}: work the service holds as accepted, at least the items the load saw accepted and at most
 * the items it sent;</li>
 * <li>{@code completed}: distinct items done, at least the ids the ledger saw completed, at most that plus the
 * sent items the ledger never saw accepted nor completed (a timed-out submit may have been stored and done);</li>
 * <li>{@code completions}: completions recorded, in the same way from the ledger's completion count;</li>
 * <li>{@code pending}: work held but not finished: 0, since after the drain and recovery the ledger's view is
 * final.</li>
 * </ul>
 * Other keys are listed, not judged. An instance that did not answer disagrees.
 *
 * @param services one entry per service with a state endpoint, in the topology's order; empty when none has one
 */
public record StateMeasure(List<ServiceState> services) {

    public static final List<String> KNOWN_KEYS = List.of("accepted", "completed", "completions", "pending");

    public StateMeasure {
        services = List.copyOf(services);
    }

    /** Whether every service's state agrees with the ledger (true when no service reports state). */
    public boolean agrees() {
        return services.stream().allMatch(ServiceState::agrees);
    }

    /**
     * One service's figures.
     *
     * @param reported   each key summed over the instances that answered
     * @param implied    the range the ledger implies for each known key the service reported
     * @param unreadable instance -> why its state could not be read
     * @param disagreements one line per key out of range or instance unreadable
     */
    public record ServiceState(String service, Map<String, Long> reported, Map<String, Range> implied,
                               Map<String, String> unreadable, List<String> disagreements) {
        public ServiceState {
            reported = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reported));
            implied = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(implied));
            unreadable = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unreadable));
            disagreements = List.copyOf(disagreements);
        }

        public boolean agrees() {
            return disagreements.isEmpty();
        }
    }

    /** Inclusive bounds. */
    public record Range(long min, long max) {
        public boolean contains(long value) {
            return value >= min && value <= max;
        }

        @Override
        public String toString() {
            return min == max ? String.valueOf(min) : min + ".." + max;
        }
    }
}
