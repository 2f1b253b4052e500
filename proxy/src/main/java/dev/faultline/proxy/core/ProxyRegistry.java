package dev.faultline.proxy.core;

import dev.faultline.proxy.Log;
import dev.faultline.proxy.api.ApiException;
import dev.faultline.proxy.toxics.ToxicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * All proxies by name, and every change to them. Confined to the API thread: requests are handled one
 * at a time, so a change is complete (sockets bound or closed, connections told) before the next starts.
 */
public final class ProxyRegistry {
    /** How long a toxic create/update waits for its client host names to resolve before answering. */
    static final Duration FIRST_RESOLUTION_WAIT = Duration.ofSeconds(2);

    private final NetworkContext net;
    private final Map<String, Proxy> proxies = new HashMap<>();

    public ProxyRegistry(NetworkContext net) {
        this.net = net;
    }

    /** Every proxy, ordered by name (Go marshals its map with sorted keys). */
    public List<Proxy> all() {
        List<Proxy> result = new ArrayList<>(proxies.values());
        result.sort(Comparator.comparing(Proxy::name));
        return result;
    }

    public boolean exists(String name) {
        return proxies.containsKey(name);
    }

    public Proxy get(String name) {
        Proxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiException.proxyNotFound();
        }
        return proxy;
    }

    /** POST /proxies: 409 when the name is taken, 500 when it cannot listen. */
    public Proxy create(ProxyDefinition definition) {
        if (proxies.containsKey(definition.name())) {
            throw ApiException.proxyAlreadyExists();
        }
        Proxy proxy = new Proxy(definition.name(), definition.listen(), definition.upstream(), net);
        if (definition.enabled()) {
            proxy.start();
            Log.info("proxy " + proxy.name() + " listening on " + proxy.listen() + ", upstream " + proxy.upstream());
        }
        proxies.put(proxy.name(), proxy);
        return proxy;
    }

    /**
     * POST /populate: creates each proxy, or replaces an existing one whose listen or upstream differ
     * (compared as text, like Toxiproxy); an identical one is kept with its toxics.
     */
    public List<Proxy> populate(List<ProxyDefinition> definitions) {
        List<Proxy> result = new ArrayList<>();
        for (ProxyDefinition definition : definitions) {
            Proxy existing = proxies.get(definition.name());
            if (existing != null) {
                if (existing.listen().equals(definition.listen()) && existing.upstream().equals(definition.upstream())) {
                    result.add(existing);
                    continue;
                }
                existing.stop();
            }
            Proxy proxy = new Proxy(definition.name(), definition.listen(), definition.upstream(), net);
            if (definition.enabled()) {
                proxy.start();
                Log.info("proxy " + proxy.name() + " listening on " + proxy.listen() + ", upstream " + proxy.upstream());
            }
            proxies.put(proxy.name(), proxy);
            result.add(proxy);
        }
        trackHostNames(Set.of());
        return result;
    }

    /** POST /proxies/{proxy}: Toxiproxy's update; 500 when the new listen address cannot be bound. */
    public Proxy update(String name, String listen, String upstream, boolean enabled) {
        Proxy proxy = get(name);
        proxy.update(listen, upstream, enabled);
        return proxy;
    }

    public void remove(String name) {
        Proxy proxy = get(name);
        proxy.stop();
        proxy.removeAllToxics();
        proxies.remove(name);
        trackHostNames(Set.of());
    }

    /** POST /reset: every proxy enabled, every toxic removed. */
    public void reset() {
        for (Proxy proxy : all()) {
            proxy.start();
            proxy.removeAllToxics();
        }
        trackHostNames(Set.of());
    }

    /** Adds a toxic; its client host names are resolved first, so it applies by name from the start. */
    public ToxicSpec addToxic(Proxy proxy, ToxicSpec toxic) {
        if (proxy.toxics().find(toxic.name()).isPresent()) {
            throw ApiException.toxicAlreadyExists();
        }
        trackHostNames(toxic.clients().hostNames());
        proxy.addToxic(toxic);
        return toxic;
    }

    /** Replaces a toxic's settings; open connections re-evaluate it (including its client scope). */
    public ToxicSpec updateToxic(Proxy proxy, ToxicSpec toxic) {
        trackHostNames(toxic.clients().hostNames());
        proxy.replaceToxic(toxic);
        trackHostNames(Set.of());
        return toxic;
    }

    public void removeToxic(Proxy proxy, String toxicName) {
        proxy.removeToxic(toxicName);
        trackHostNames(Set.of());
    }

    /** Stops every proxy; used on shutdown. */
    public void stopAll() {
        for (Proxy proxy : proxies.values()) {
            proxy.stop();
        }
    }

    /** The resolver saw new addresses: proxies with host-name scoped toxics re-check their connections. */
    public void clientAddressesChanged() {
        for (Proxy proxy : proxies.values()) {
            if (!proxy.toxics().hostNames().isEmpty()) {
                proxy.reconcileConnections();
            }
        }
    }

    /**
     * Tells the resolver which host names are in use and waits (briefly) until {@code resolveNow} are
     * resolved, so a scoped toxic matches by name as soon as the API call returns.
     */
    private void trackHostNames(Set<String> resolveNow) {
        Set<String> names = new LinkedHashSet<>(resolveNow);
        for (Proxy proxy : proxies.values()) {
            names.addAll(proxy.toxics().hostNames());
        }
        var done = net.clientNames().track(names, resolveNow);
        if (resolveNow.isEmpty()) {
            return;
        }
        try {
            done.get(FIRST_RESOLUTION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Log.warn("client host names " + resolveNow + " not resolved within " + FIRST_RESOLUTION_WAIT
                    + "; they match nothing until they resolve");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            Log.warn("resolving client host names " + resolveNow + " failed: " + e.getCause());
        }
    }
}
