package dev.faultline.injectors;

import java.time.Duration;
import java.util.Optional;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * {@code data-corruption} of kind {@code duplicate-delivery}: for the fault's duration, a share ({@code rate}) of the
 * messages a broker delivers to the consumers of a queue reach them twice. The broker's adapter watches the queue's
 * deliveries; for each first delivery of a message chosen with the fault's seed, it puts a copy (same body and
 * properties, marked with the fault's name) on the same queue. Verified when a copy was observed delivered to a
 * consumer. Reverted by stopping the copying and removing everything the adapter set up in the broker; copies
 * already on the queue are delivered like any message.
 */
public final class DuplicateDelivery implements Fault {
    private final double rate;
    private final Duration duration;
    private final BrokerQueue queue;

    DuplicateDelivery(double rate, Duration duration, BrokerQueue queue) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be greater than 0 and at most 1, but was " + rate);
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be greater than 0, but was " + duration);
        }
        if (queue == null) {
            throw new IllegalArgumentException("queue must not be null");
        }
        this.rate = rate;
        this.duration = duration;
        this.queue = queue;
    }

    double rate() {
        return rate;
    }

    BrokerQueue queue() {
        return queue;
    }

    @Override
    public Fault.Handle handle(FaultContext context) {
        return new DuplicationRun(context, queue.adapterFor(context), queue, rate);
    }

    @Override
    public Optional<String> unsuitableIn(Topology topology, ServiceSpec service) {
        return queue.unsuitableFor(service, CorruptionKind.DUPLICATE_DELIVERY);
    }

    /** {@code kind=duplicate-delivery rate=10% queue=tasks for 8s}. */
    @Override
    public String describe() {
        return "kind=" + CorruptionKind.DUPLICATE_DELIVERY.yamlName() + " rate=" + Formats.percent(rate) + " "
                + queue.describe() + " for " + Durations.text(duration);
    }
}
