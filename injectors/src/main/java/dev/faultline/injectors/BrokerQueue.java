package dev.faultline.injectors;

import java.util.Optional;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.BrokerAdapter;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.ServiceAccess;
import dev.faultline.injectors.adapters.Adapters;
import dev.faultline.injectors.resource.RunTag;

/**
 * The queue a broker-side {@code data-corruption} acts on, and how its broker is reached: the adapter the fault
 * names ({@code with.adapter}; null: the first that recognizes the broker) and the login it sets (each null when not
 * set, so the adapter's defaults apply). Settings only.
 */
record BrokerQueue(String queue, String adapter, String user, String password) {
    static final String KIND_NAME = "broker";

    BrokerQueue {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("queue must not be blank, but was '" + queue + "'");
        }
    }

    /** Every broker adapter registered with {@link java.util.ServiceLoader}. */
    static Adapters<BrokerAdapter> adapters() {
        return Adapters.discover(BrokerAdapter.class, KIND_NAME);
    }

    /** Why the fault cannot act on {@code service}: not a broker, no adapter for it, or its adapter cannot reach it. */
    Optional<String> unsuitableFor(ServiceSpec service, CorruptionKind kind) {
        String what = "data-corruption of kind " + kind.yamlName();
        if (service.role() != Role.BROKER) {
            return Optional.of(what + " puts messages on a broker's queue, and " + service.name() + " has role "
                    + service.role().yamlName() + ", not broker: target the broker that holds queue '" + queue + "'");
        }
        BrokerAdapter chosen;
        try {
            chosen = adapters().choose(service, Optional.ofNullable(adapter));
        } catch (IllegalArgumentException e) {
            return Optional.of(what + ": " + e.getMessage());
        }
        return chosen.unsuitableFor(service).map(why -> what + ": " + why);
    }

    /** The adapter for the fault's target service, chosen as at load time. */
    BrokerAdapter adapterFor(FaultContext context) {
        return adapters().choose(context.service(), Optional.ofNullable(adapter));
    }

    /** How the adapter reaches the first target instance in this run. */
    ServiceAccess access(FaultContext context) {
        return new ServiceAccess(context.targetInstances().get(0), context.service(), context.containers(), user,
                password, RunTag.of(context));
    }

    /** {@code queue=tasks}, with the adapter and user when set; never the password. */
    String describe() {
        return "queue=" + queue + (adapter == null ? "" : " adapter=" + adapter) + (user == null ? "" : " user=" + user);
    }

    /** No password in reports. */
    @Override
    public String toString() {
        return "BrokerQueue[" + describe() + "]";
    }
}
