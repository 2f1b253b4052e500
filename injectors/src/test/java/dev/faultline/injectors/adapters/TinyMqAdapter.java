package dev.faultline.injectors.adapters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.BrokerAdapter;
import dev.faultline.engine.spi.ServiceAccess;

/**
 * A user's broker adapter, as a user would write one for a broker Faultline does not ship (here an imaginary
 * "TinyMQ"), registered in this module's test resources ({@code META-INF/services}). It recognizes a broker whose
 * image names {@code tinymq}, needs port 7000 published, and records every call, so a test can see it was chosen
 * and called.
 */
public final class TinyMqAdapter implements BrokerAdapter {
    public static final int PORT = 7000;
    /** Every call any instance made, in order: {@code open rabbitmq as alice}, {@code publish tasks 3 mark}. */
    public static final List<String> CALLS = new ArrayList<>();
    /** Copies delivered to report from {@link Session#duplicates()}. */
    public static volatile long copiesDelivered;

    @Override
    public String product() {
        return "tinymq";
    }

    @Override
    public boolean recognizes(ServiceSpec service) {
        return service.image().contains("tinymq");
    }

    @Override
    public Optional<String> unsuitableFor(ServiceSpec service) {
        return service.ports().contains(PORT) ? Optional.empty()
                : Optional.of("TinyMQ listens on " + PORT + ", which " + service.name() + " does not publish");
    }

    @Override
    public Session open(ServiceAccess access) {
        record("open " + access.instance() + " as " + access.configuredUser().orElse("(default)"));
        return new Session() {
            @Override
            public Publication publish(String queue, List<byte[]> bodies, String mark) {
                record("publish " + queue + " " + bodies.size() + " " + mark);
                return new Publication(queue, bodies.size(), bodies.size(), 0, 0);
            }

            @Override
            public void duplicate(String queue, BooleanSupplier chosen, String mark) {
                record("duplicate " + queue + " " + mark);
            }

            @Override
            public Duplicates duplicates() {
                return new Duplicates(10, 1, copiesDelivered);
            }

            @Override
            public void close() {
                record("close " + access.instance());
            }
        };
    }

    private static void record(String call) {
        synchronized (CALLS) {
            CALLS.add(call);
        }
    }
}
