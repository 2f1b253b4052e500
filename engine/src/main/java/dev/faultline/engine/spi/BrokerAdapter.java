package dev.faultline.engine.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.faultline.engine.model.ServiceSpec;

/**
 * Speaks to one broker product through its own protocol on behalf of {@code data-corruption} of kind
 * {@code poison-messages} (malformed messages put on a queue) and {@code duplicate-delivery} (a share of the
 * deliveries to a queue's consumers delivered again). The fault decides what to publish and which deliveries to
 * copy; the adapter publishes, observes and cleans up. Found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.faultline.engine.spi.BrokerAdapter}); immutable and stateless: each run of a fault
 * opens its own {@link Session}.
 */
public interface BrokerAdapter extends ServiceAdapter {
    /** The header every message Faultline publishes carries, valued with the fault's name. */
    String MARK_HEADER = "faultline-fault";

    /**
     * Why this adapter cannot reach {@code service} as the topology declares it (e.g. its protocol's port is not
     * published), checked when the scenario is loaded; empty when it can.
     */
    default Optional<String> unsuitableFor(ServiceSpec service) {
        return Optional.empty();
    }

    /** Connects to the instance for one run of one fault. */
    Session open(ServiceAccess access) throws Exception;

    /** One run's connection to the broker, and whatever it started there. Used from several threads. */
    interface Session extends AutoCloseable {
        /**
         * Publishes each body to {@code queue} (not through any exchange of the user's), each message carrying
         * {@link #MARK_HEADER} = {@code mark}, and waits until the broker has answered for every one.
         *
         * @throws IllegalStateException naming the queue when the broker has no such queue
         */
        Publication publish(String queue, List<byte[]> bodies, String mark) throws Exception;

        /**
         * From now until {@link #close}, every delivery of {@code queue} to a consumer that carries no
         * {@link #MARK_HEADER} and for which {@code chosen} answers true is delivered again: a copy (same body and
         * properties, plus {@link #MARK_HEADER} = {@code mark}) goes to the same queue. Returns once copying runs.
         *
         * @throws IllegalStateException naming the queue when the broker has no such queue
         */
        void duplicate(String queue, BooleanSupplier chosen, String mark) throws Exception;

        /** What {@link #duplicate} has done so far, as the broker shows it. */
        Duplicates duplicates();

        /**
         * Stops everything this session started, disconnects, and then observes that nothing of it is left in the
         * broker (throws, saying what is left, otherwise). Safe to call again, and after a {@link #duplicate} or
         * {@link #publish} that failed half-way.
         */
        @Override
        void close() throws Exception;
    }

    /**
     * What the broker answered for a {@link Session#publish}: how many messages it confirmed, refused (nack) and
     * returned as unroutable.
     */
    record Publication(String queue, int published, int confirmed, int refused, int returned) {
        /** Every message was confirmed and routed to the queue. */
        public boolean allRouted() {
            return published > 0 && confirmed == published && refused == 0 && returned == 0;
        }
    }

    /**
     * What a {@link Session#duplicate} did so far: deliveries to consumers seen (unmarked ones), copies published, and
     * deliveries of the copies to consumers observed.
     */
    record Duplicates(long seen, long copied, long copiesDelivered) {
        public static final Duplicates NONE = new Duplicates(0, 0, 0);
    }
}
