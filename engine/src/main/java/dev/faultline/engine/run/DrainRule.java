package dev.faultline.engine.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/**
 * When a drain may end before every accepted item is seen completed: once the system has provably held no work for
 * the settling period, so whatever is still pending will never complete. The one definition, judged over rounds of
 * the agents' state answers ({@link StateReader.Answer}, the {@code ledger} object of each instance):
 * <ul>
 * <li>every service that may hold work (role {@code agent} or {@code other}) declares a {@code state} endpoint, and
 * every instance of every such service answered;</li>
 * <li>each answer's {@link #HELD_KEYS}, where present, are 0: {@code pending} (work held and not finished: an
 * outbox not yet published, tasks a worker was handed and has not acknowledged) and {@code queued} (work waiting at
 * a broker); a key present but not a whole number (the agent cannot tell, e.g. its broker is down) is not 0;</li>
 * <li>a topology with a {@code broker} has its queue counted: some answer reports {@code queued}.</li>
 * </ul>
 * A round that fails any of these (an instance crashed, frozen, restarting or unreachable; anything held) starts the
 * settling period again. Per run: it remembers since when every round showed nothing held.
 */
final class DrainRule {
    /**
     * How long every round must show nothing held: 5 s, twenty rounds of readings at {@link Drain#EVERY}. An item
     * held anywhere is seen in many rounds: a worker holds it for its work time (400 ms in the reference system) and
     * then until its commit and ack, an outbox until the broker confirms it, a queue until a consumer takes it. It
     * is out of sight only in transit between holders (milliseconds: a publish, a delivery, a crashed worker's
     * unacknowledged messages going back to the queue when its connection closes) or while a holder cannot be read
     * (crashed, frozen, restarting, its store or broker down), and an unreadable holder restarts the period. The
     * drain starts after every fault has been reverted, so no link still holds a connection half open.
     */
    static final Duration SETTLE = Duration.ofSeconds(5);
    static final List<String> HELD_KEYS = List.of("pending", "queued");

    private final Topology topology;
    private final long settleMs;
    /** Instances a scale-down took out of their service: they hold nothing and are not asked. */
    private final java.util.function.Predicate<String> retired;
    /** Written by the drain's round thread, read when the drain's end is noted. */
    private volatile long idleSince = -1;
    /** What the latest round showed held (empty before the first round and when nothing was). */
    private volatile List<String> lastHeld = List.of();

    DrainRule(Topology topology, Duration settle) {
        this(topology, settle, instance -> false);
    }

    DrainRule(Topology topology, Duration settle, java.util.function.Predicate<String> retired) {
        this.topology = topology;
        this.settleMs = settle.toMillis();
        this.retired = retired;
    }

    Duration settle() {
        return Duration.ofMillis(settleMs);
    }

    /** Whether this rule can end a drain on its topology at all: some service declares a state endpoint. */
    boolean applies() {
        return topology.services().values().stream().anyMatch(s -> s.state() != null);
    }

    /**
     * Feeds one round of answers, complete at {@code atMs} (timeline ms); true once every round since at least
     * {@code settle} ago showed nothing held.
     */
    boolean observe(long atMs, List<StateReader.Answer> answers) {
        List<String> held = held(topology, answers, retired);
        lastHeld = List.copyOf(held);
        if (!held.isEmpty()) {
            idleSince = -1;
            return false;
        }
        if (idleSince < 0) {
            idleSince = atMs;
        }
        return atMs - idleSince >= settleMs;
    }

    /** Since when (timeline ms) every round showed nothing held; -1 while something is held. */
    long idleSince() {
        return idleSince;
    }

    /** What the latest round showed held, one line per holder; empty before any round and when nothing was. */
    List<String> lastHeld() {
        return lastHeld;
    }

    /** What one round of answers shows held, one line per holder; empty when the system holds nothing. */
    static List<String> held(Topology topology, List<StateReader.Answer> answers) {
        return held(topology, answers, instance -> false);
    }

    /** As {@link #held(Topology, List)}, leaving out the instances {@code retired} names. */
    static List<String> held(Topology topology, List<StateReader.Answer> answers,
                             java.util.function.Predicate<String> retired) {
        Map<String, StateReader.Answer> byInstance = new LinkedHashMap<>();
        answers.forEach(a -> byInstance.put(a.instance(), a));
        List<String> held = new ArrayList<>();
        boolean brokerCounted = false;
        for (ServiceSpec service : topology.services().values()) {
            if (service.state() == null) {
                if (service.role() == Role.AGENT || service.role() == Role.OTHER) {
                    held.add(service.name() + ": no state endpoint, so its work cannot be seen");
                }
                continue;
            }
            for (String instance : service.instanceNames()) {
                if (retired.test(instance)) {
                    continue;
                }
                StateReader.Answer answer = byInstance.get(instance);
                if (answer == null) {
                    held.add(instance + ": not asked");
                } else if (answer.error() != null) {
                    held.add(instance + ": unreadable (" + answer.error() + ")");
                } else {
                    brokerCounted |= answer.ledger().has("queued");
                    for (String key : HELD_KEYS) {
                        JsonNode value = answer.ledger().get(key);
                        if (value != null && !(value.isIntegralNumber() && value.longValue() == 0)) {
                            held.add(instance + ": " + key + " " + value);
                        }
                    }
                }
            }
        }
        boolean hasBroker = topology.services().values().stream().anyMatch(s -> s.role() == Role.BROKER);
        if (hasBroker && !brokerCounted) {
            held.add("broker: no state reports its queue (queued)");
        }
        return held;
    }
}
