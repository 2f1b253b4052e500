package dev.faultline.injectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * {@code agent-hang}: every process of the target agents is frozen for the fault's duration, then thawed. The
 * container is paused (the cgroup freezer stops all its processes at once): connections are still accepted by the
 * kernel, but nothing answers and the agent's own timers stand still. A frozen process has not died, so the
 * topology's restart policy does not apply and supervision is left alone. Reverting unpauses what this fault froze
 * and is still paused, so it is idempotent and safe after a half-way or missing apply.
 */
public final class AgentHang implements Fault {
    private final Duration duration;

    public AgentHang(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be greater than 0, but was " + duration);
        }
        this.duration = duration;
    }

    @Override
    public Optional<String> unsuitableFor(ServiceSpec service) {
        return notABroker(service, "agent-hang", "pause");
    }

    /** Why a fault of {@code type} does not act on a broker: {@code broker-outage} (in {@code mode}) does. */
    static Optional<String> notABroker(ServiceSpec service, String type, String mode) {
        if (service.role() != Role.BROKER) {
            return Optional.empty();
        }
        return Optional.of("a fault of type " + type + " acts on agents and other services, but " + service.name()
                + " has role: broker; use type broker-outage (mode " + mode + "), which also holds its restart policy"
                + " off meanwhile");
    }

    @Override
    public Fault.Handle handle(FaultContext context) {
        return new Hang(context);
    }

    /** One run's hang: the instances it froze. */
    private static final class Hang implements Fault.Handle {
        private final FaultContext context;
        /** Instances this run froze, recorded before the call in case it fails half-way; removed once thawed. */
        private final Set<String> frozen = new LinkedHashSet<>();

        Hang(FaultContext context) {
            this.context = context;
        }

        @Override
        public synchronized void apply() {
            for (String instance : context.targetInstances()) {
                frozen.add(instance);
                context.containers().pause(instance);
                context.note("froze " + instance + " (every process paused)");
            }
        }

        /** Took effect when every target is paused. */
        @Override
        public synchronized Verification verify() {
            List<String> running = context.targetInstances().stream()
                    .filter(i -> !context.containers().isPaused(i))
                    .toList();
            return running.isEmpty()
                    ? Verification.ok(context.targetInstances() + " frozen")
                    : Verification.failed("not frozen: " + running);
        }

        /** Thaws every instance this run froze that is still paused; tries them all, then throws the first failure. */
        @Override
        public synchronized void revert() {
            ContainerControl containers = context.containers();
            EveryOne.attempt(new ArrayList<>(frozen), instance -> {
                if (containers.isPaused(instance)) {
                    containers.unpause(instance);
                    context.note("thawed " + instance);
                }
                frozen.remove(instance);
            });
        }
    }

    /** {@code frozen for 3s}. */
    @Override
    public String describe() {
        return "frozen for " + Durations.text(duration);
    }
}
