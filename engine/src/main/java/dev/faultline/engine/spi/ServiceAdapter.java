package dev.faultline.engine.spi;

import dev.faultline.engine.model.ServiceSpec;

/**
 * Speaks to one product of a kind of service (a broker, a store) on a fault's behalf: brokers and stores differ, so
 * faults that act through their protocols ({@code data-corruption} of kind {@code poison-messages},
 * {@code duplicate-delivery}, {@code state}) do so through an adapter chosen by what the topology says the service
 * is. Adapters are found through {@link java.util.ServiceLoader} like fault types: a user adds one for Kafka or
 * another store by implementing a sub-interface ({@code BrokerAdapter}, {@code StoreAdapter}) and listing it in
 * {@code META-INF/services}. Immutable and stateless: each run opens its own sessions.
 */
public interface ServiceAdapter {
    /** The product's name, as a fault's {@code with.adapter} may name it: {@code rabbitmq}, {@code postgresql}. */
    String product();

    /**
     * Whether {@code service}, as the topology declares it (its role, image, ports, environment), is this product.
     * The first adapter that recognizes a service is chosen unless the fault names one with {@code with.adapter}.
     */
    boolean recognizes(ServiceSpec service);
}
