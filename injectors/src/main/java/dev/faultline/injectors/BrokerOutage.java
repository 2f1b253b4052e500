package dev.faultline.injectors;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.FaultProxy;

/**
 * {@code broker-outage}: the broker goes away for the fault's duration ({@link BrokerMode}) and comes back with its
 * durable data: a stopped or killed broker's container is started again, never recreated. While it is down the
 * supervisor must not restart it, so supervision is off until the revert. Reverting looks at what is there (starts
 * what is not running, unpauses what is paused, enables what is disabled), so it is idempotent and safe after a
 * half-way or missing apply.
 */
public final class BrokerOutage implements Fault {
    /** How long a stop waits for the broker to shut down cleanly before it is killed. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerMode mode;

    public BrokerOutage(BrokerMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of stop, kill, pause, disconnect, but was null");
        }
        this.mode = mode;
    }

    /** An agent is crashed or frozen by the agent faults, whose recovery is counted as an agent's. */
    @Override
    public Optional<String> unsuitableFor(ServiceSpec service) {
        if (service.role() != Role.AGENT) {
            return Optional.empty();
        }
        return Optional.of("a fault of type broker-outage takes a broker or store away and brings it back with its "
                + "data, but " + service.name() + " has role: agent; use agent-crash or agent-hang for an agent");
    }

    @Override
    public Fault.Handle handle(FaultContext context) {
        return new Outage(context);
    }

    /** One run's outage: the instances whose supervision it turned off. */
    private final class Outage implements Fault.Handle {
        private final FaultContext context;
        /** Instances whose supervision this run turned off (recorded before the call, in case it fails half-way). */
        private final Set<String> unsupervised = new LinkedHashSet<>();

        Outage(FaultContext context) {
            this.context = context;
        }

        @Override
        public synchronized void apply() throws IOException {
            ContainerControl containers = context.containers();
            if (mode == BrokerMode.DISCONNECT) {
                FaultProxy proxy = proxy(context).orElseThrow(() -> new IllegalStateException("fault "
                        + context.spec().name() + " disconnects " + context.spec().target().service()
                        + " at its fault proxy, but no proxy stands in front of it; declare a link to it under links:"
                        + " in the topology"));
                ToxiproxyClient client = client(proxy);
                for (FaultProxy.ProxiedPort port : proxy.ports()) {
                    client.getProxy(port.proxyName()).disable();
                }
                context.note("disabled " + names(proxy) + ": connections to " + proxy.service()
                        + " closed and refused");
                return;
            }
            for (String instance : context.targetInstances()) {
                switch (mode) {
                    case STOP -> {
                        unsupervised.add(instance);
                        containers.supervise(instance, false);
                        containers.stop(instance, STOP_TIMEOUT);
                        context.note("stopped " + instance);
                    }
                    case KILL -> {
                        unsupervised.add(instance);
                        containers.supervise(instance, false);
                        if (containers.isRunning(instance)) {
                            containers.kill(instance, Signal.KILL.name());
                            context.note("sent SIGKILL to " + instance);
                        } else {
                            context.note(instance + " was not running: no signal sent");
                        }
                    }
                    case PAUSE -> {
                        containers.pause(instance);
                        context.note("paused " + instance);
                    }
                    default -> throw new IllegalStateException("unhandled mode " + mode);
                }
            }
        }

        /** Took effect when every target is down (stop, kill), paused, or every proxy in front of it is disabled. */
        @Override
        public synchronized Verification verify() throws IOException {
            ContainerControl containers = context.containers();
            List<String> wrong = new ArrayList<>();
            switch (mode) {
                case STOP, KILL -> {
                    context.targetInstances().stream().filter(containers::isRunning).forEach(wrong::add);
                    return wrong.isEmpty()
                            ? Verification.ok(context.targetInstances() + " not running")
                            : Verification.failed("still running after " + mode.yamlName() + ": " + wrong);
                }
                case PAUSE -> {
                    context.targetInstances().stream().filter(i -> !containers.isPaused(i)).forEach(wrong::add);
                    return wrong.isEmpty()
                            ? Verification.ok(context.targetInstances() + " paused")
                            : Verification.failed("not paused: " + wrong);
                }
                case DISCONNECT -> {
                    Optional<FaultProxy> proxy = proxy(context);
                    if (proxy.isEmpty()) {
                        return Verification.failed("no fault proxy stands in front of "
                                + context.spec().target().service());
                    }
                    ToxiproxyClient client = client(proxy.get());
                    for (FaultProxy.ProxiedPort port : proxy.get().ports()) {
                        if (client.getProxy(port.proxyName()).isEnabled()) {
                            wrong.add(port.proxyName());
                        }
                    }
                    return wrong.isEmpty()
                            ? Verification.ok(names(proxy.get()) + " disabled")
                            : Verification.failed("proxies still enabled: " + wrong);
                }
                default -> throw new IllegalStateException("unhandled mode " + mode);
            }
        }

        @Override
        public synchronized void revert() throws IOException {
            ContainerControl containers = context.containers();
            switch (mode) {
                case STOP, KILL -> {
                    for (String instance : context.targetInstances()) {
                        if (!containers.isRunning(instance)) {
                            containers.start(instance);
                            context.note("started " + instance + " again");
                        }
                    }
                    // Only once it runs again: the supervisor must not race the revert to start it.
                    for (String instance : List.copyOf(unsupervised)) {
                        containers.supervise(instance, true);
                        unsupervised.remove(instance);
                    }
                }
                case PAUSE -> {
                    for (String instance : context.targetInstances()) {
                        if (containers.isPaused(instance)) {
                            containers.unpause(instance);
                            context.note("unpaused " + instance);
                        }
                    }
                }
                case DISCONNECT -> enableProxies(context);
                default -> throw new IllegalStateException("unhandled mode " + mode);
            }
        }
    }

    /** Enables every disabled proxy in front of the target; tries them all, then throws the first failure. */
    private static void enableProxies(FaultContext context) throws IOException {
        Optional<FaultProxy> proxy = proxy(context);
        if (proxy.isEmpty()) {
            return;
        }
        ToxiproxyClient client = client(proxy.get());
        IOException failure = null;
        List<String> enabled = new ArrayList<>();
        for (FaultProxy.ProxiedPort port : proxy.get().ports()) {
            try {
                Proxy p = client.getProxy(port.proxyName());
                if (!p.isEnabled()) {
                    p.enable();
                    enabled.add(port.proxyName());
                }
            } catch (IOException e) {
                IOException named = new IOException("could not enable proxy " + port.proxyName() + " at "
                        + proxy.get().apiUri() + ": " + e.getMessage(), e);
                if (failure == null) {
                    failure = named;
                } else {
                    failure.addSuppressed(named);
                }
            }
        }
        if (!enabled.isEmpty()) {
            context.note("enabled " + String.join(", ", enabled) + ": " + proxy.get().service() + " reachable again");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Optional<FaultProxy> proxy(FaultContext context) {
        return context.links().proxyFor(context.spec().target().service());
    }

    private static ToxiproxyClient client(FaultProxy proxy) {
        return new ToxiproxyClient(proxy.apiHost(), proxy.apiPort());
    }

    private static String names(FaultProxy proxy) {
        return String.join(", ", proxy.ports().stream().map(FaultProxy.ProxiedPort::proxyName).toList());
    }

    @Override
    public Reach reach() {
        return mode == BrokerMode.DISCONNECT ? Reach.LINKED_SERVICE : Reach.INSTANCES;
    }

    /** {@code mode=stop}. */
    @Override
    public String describe() {
        return "mode=" + mode.yamlName();
    }
}
