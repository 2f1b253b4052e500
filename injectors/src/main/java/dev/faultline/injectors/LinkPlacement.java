package dev.faultline.injectors;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.FaultProxy;

/**
 * Where a link fault acts. On a link ({@code worker[0]->rabbitmq}): the ports of the proxy in front of
 * {@code rabbitmq} that the declared links from {@code worker} use, scoped to the chosen client instances
 * ({@code worker-0}). On a service ({@code rabbitmq}): every proxied port in front of it, for every client.
 *
 * @param proxy   the fault proxy in front of the service the traffic goes to
 * @param ports   the proxied ports the fault acts on (never empty)
 * @param clients the client instances the fault is scoped to; empty for every client
 */
record LinkPlacement(FaultProxy proxy, List<FaultProxy.ProxiedPort> ports, List<String> clients) {
    LinkPlacement {
        Objects.requireNonNull(proxy, "proxy");
        ports = List.copyOf(ports);
        clients = List.copyOf(clients);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a link fault needs at least one proxied port, but had none");
        }
    }

    /**
     * The placement of the context's target; empty when the topology has no proxy, or no proxied port, that the
     * target could mean (nothing to act on, and nothing to revert). {@link #require} says why.
     */
    static Optional<LinkPlacement> find(FaultContext context) {
        Target target = context.spec().target();
        String server = target.isLink() ? target.linkTo() : target.service();
        Optional<FaultProxy> proxy = context.links().proxyFor(server);
        if (proxy.isEmpty()) {
            return Optional.empty();
        }
        List<FaultProxy.ProxiedPort> ports = target.isLink()
                ? proxy.get().portsFrom(target.service())
                : proxy.get().ports();
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LinkPlacement(proxy.get(), ports,
                target.isLink() ? context.targetInstances() : List.of()));
    }

    /**
     * The placement of the context's target, or an exception saying why the fault has nowhere to act. A link target
     * without client instances is refused: unscoped, its toxics would hit every client.
     */
    static LinkPlacement require(FaultContext context) {
        LinkPlacement placement = find(context).orElseThrow(() -> new IllegalStateException(whyNone(context)));
        if (context.spec().target().isLink() && placement.clients().isEmpty()) {
            throw new IllegalStateException("fault " + context.spec().name() + " targets the link "
                    + context.spec().target() + " but no client instance was chosen; refusing to act on every client");
        }
        return placement;
    }

    /** Why {@link #find} found nothing, e.g. that no proxy stands in front of the service. */
    static String whyNone(FaultContext context) {
        Target target = context.spec().target();
        String server = target.isLink() ? target.linkTo() : target.service();
        if (context.links().proxyFor(server).isEmpty()) {
            return "fault " + context.spec().name() + " acts through the fault proxy, but no proxy stands in front of "
                    + server + "; declare a link to it under links: in the topology";
        }
        return "fault " + context.spec().name() + " targets " + target + ", but the fault proxy in front of " + server
                + " has no port that links from " + target.service() + " use; declare the link under links: in the "
                + "topology";
    }

    /** {@code rabbitmq-5672 (worker-0)}, for notes and verification details. */
    String describe() {
        String names = String.join(", ", ports.stream().map(FaultProxy.ProxiedPort::proxyName).toList());
        return names + (clients.isEmpty() ? " (every client)" : " (clients " + String.join(", ", clients) + ")");
    }
}
