package dev.faultline.api;

import java.util.Objects;

/**
 * Fault targets, typed: {@code Targets.service("worker").instance(0)} is {@code worker[0]},
 * {@code Targets.link("worker", "rabbitmq")} is {@code worker->rabbitmq}.
 *
 * <pre>{@code
 * Faults.network().latency(ofMillis(300)).on(Targets.link(Targets.service("worker").random(), "postgres"))
 * }</pre>
 */
public final class Targets {
    private Targets() {
    }

    /** Every replica of a service; {@link Service#instance}, {@link Service#random}, {@link Service#percent} narrow it. */
    public static Service service(String name) {
        return new Service(Objects.requireNonNull(name, "service"));
    }

    /** The link from {@code client} to {@code server}: {@code worker->rabbitmq}. */
    public static FaultTarget link(String client, String server) {
        return link(service(client).all(), server);
    }

    /** The link from some replicas of a client to {@code server}: {@code worker[0]->rabbitmq}. */
    public static FaultTarget link(FaultTarget client, String server) {
        return new FaultTarget(client.text() + "->" + Objects.requireNonNull(server, "server"));
    }

    /** A service target: all of its replicas, or (through its methods) some of them. */
    public static final class Service {
        private final String name;
        private final FaultTarget all;

        private Service(String name) {
            this.name = name;
            this.all = new FaultTarget(name);
        }

        /** Every replica: {@code worker}. */
        public FaultTarget all() {
            return all;
        }

        /** One replica by index, from 0: {@code worker[0]}. */
        public FaultTarget instance(int index) {
            return new FaultTarget(name + "[" + index + "]");
        }

        /** One replica chosen by the scenario's seed: {@code worker[random]}. */
        public FaultTarget random() {
            return new FaultTarget(name + "[random]");
        }

        /** A share of the replicas chosen by the seed: {@code worker[50%]}. */
        public FaultTarget percent(int percent) {
            return new FaultTarget(name + "[" + percent + "%]");
        }
    }
}
