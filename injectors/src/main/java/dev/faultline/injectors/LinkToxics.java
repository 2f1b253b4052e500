package dev.faultline.injectors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.Fault.Verification;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.FaultProxy;

/**
 * Puts a link fault's toxics on the proxied ports of its {@link LinkPlacement}, checks that the proxy holds them,
 * and removes them. Holds no state: where the toxics go and what they are named follow from the context, so
 * {@link #revert} removes exactly this fault's toxics whether {@link #apply} ran, failed half-way, or never ran.
 */
final class LinkToxics {
    private LinkToxics() {
    }

    /** A run's handle on {@code toxics}: it holds nothing but them and the run's context. */
    static Fault.Handle handle(FaultContext context, List<Toxic> toxics) {
        List<Toxic> own = List.copyOf(toxics);
        return new Fault.Handle() {
            @Override
            public void apply() throws Exception {
                LinkToxics.apply(context, own);
            }

            @Override
            public Verification verify() throws Exception {
                return LinkToxics.verify(context, own);
            }

            @Override
            public void revert() throws Exception {
                LinkToxics.revert(context, own);
            }
        };
    }

    static void apply(FaultContext context, List<Toxic> toxics) throws IOException, InterruptedException {
        LinkPlacement at = LinkPlacement.require(context);
        ProxyApi api = new ProxyApi(at.proxy());
        String fault = context.spec().name();
        for (FaultProxy.ProxiedPort port : at.ports()) {
            for (Toxic toxic : toxics) {
                api.createToxic(port.proxyName(), toxic.name(fault), toxic, at.clients());
            }
        }
        context.note("added " + names(context, toxics) + " on " + at.describe());
    }

    /** Took effect when every port reports every toxic with its type, stream, toxicity, attributes and clients. */
    static Verification verify(FaultContext context, List<Toxic> toxics) throws IOException, InterruptedException {
        Optional<LinkPlacement> found = LinkPlacement.find(context);
        if (found.isEmpty()) {
            return Verification.failed(LinkPlacement.whyNone(context));
        }
        LinkPlacement at = found.get();
        ProxyApi api = new ProxyApi(at.proxy());
        String fault = context.spec().name();
        List<String> problems = new ArrayList<>();
        for (FaultProxy.ProxiedPort port : at.ports()) {
            List<ToxicState> actual = api.toxics(port.proxyName());
            for (Toxic toxic : toxics) {
                String name = toxic.name(fault);
                Optional<ToxicState> state = actual.stream().filter(t -> t.name().equals(name)).findFirst();
                if (state.isEmpty()) {
                    problems.add(port.proxyName() + ": " + name + " is missing");
                } else {
                    state.get().difference(toxic, at.clients())
                            .ifPresent(d -> problems.add(port.proxyName() + ": " + name + " has " + d));
                }
            }
        }
        return problems.isEmpty()
                ? Verification.ok(names(context, toxics) + " in place on " + at.describe())
                : Verification.failed(String.join("; ", problems));
    }

    /**
     * Deletes this fault's toxics from every port it could have used (a toxic that is not there is fine). Tries
     * every one, then throws the first failure with the others attached.
     */
    static void revert(FaultContext context, List<Toxic> toxics) throws IOException, InterruptedException {
        Optional<LinkPlacement> found = LinkPlacement.find(context);
        if (found.isEmpty()) {
            return;
        }
        LinkPlacement at = found.get();
        ProxyApi api = new ProxyApi(at.proxy());
        String fault = context.spec().name();
        IOException failure = null;
        int removed = 0;
        for (FaultProxy.ProxiedPort port : at.ports()) {
            for (Toxic toxic : toxics) {
                try {
                    if (api.deleteToxic(port.proxyName(), toxic.name(fault))) {
                        removed++;
                    }
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (removed > 0) {
            context.note("removed " + removed + " toxic(s) from " + at.describe());
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String names(FaultContext context, List<Toxic> toxics) {
        return String.join(", ", toxics.stream().map(t -> t.name(context.spec().name())).toList());
    }
}
