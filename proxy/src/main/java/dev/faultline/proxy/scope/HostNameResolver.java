package dev.faultline.proxy.scope;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the host names used in toxic client scopes resolved, on a thread of its own so no event loop
 * ever waits for DNS. Every tracked name is looked up again every {@link #REFRESH_INTERVAL} (containers
 * get new addresses when they restart); a name that fails to resolve maps to no address and is tried
 * again next round. When any result changes, the change listener runs (on the resolver thread).
 */
public final class HostNameResolver implements AutoCloseable {
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);

    /** How a name is looked up; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] addressesOf(String name) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final Runnable onChange;
    private final ScheduledExecutorService thread;
    private volatile Set<String> tracked = Set.of();
    private volatile HostResolutions current = HostResolutions.NONE;

    private HostNameResolver(Lookup lookup, Runnable onChange) {
        this.lookup = lookup;
        this.onChange = onChange;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faultline-client-dns");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the resolver thread and its refresh every {@link #REFRESH_INTERVAL}.
     *
     * @param onChange runs on the resolver thread whenever an answer changes
     */
    public static HostNameResolver start(Lookup lookup, Runnable onChange) {
        HostNameResolver resolver = new HostNameResolver(lookup, onChange);
        long period = REFRESH_INTERVAL.toMillis();
        resolver.thread.scheduleWithFixedDelay(resolver::refreshAll, period, period, TimeUnit.MILLISECONDS);
        return resolver;
    }

    /** The latest resolutions; safe to call from any thread, never blocks. */
    public HostResolutions current() {
        return current;
    }

    /**
     * Sets the names to keep resolved and looks up {@code resolveNow} right away.
     *
     * @return completes once {@code resolveNow} has been looked up and published
     */
    public CompletableFuture<Void> track(Set<String> names, Set<String> resolveNow) {
        tracked = Set.copyOf(names);
        return CompletableFuture.runAsync(() -> refresh(resolveNow), thread);
    }

    private void refreshAll() {
        refresh(tracked);
    }

    private void refresh(Set<String> names) {
        Set<String> keep = tracked;
        Map<String, Set<InetAddress>> next = new HashMap<>();
        for (Map.Entry<String, Set<InetAddress>> e : current.byName().entrySet()) {
            if (keep.contains(e.getKey())) {
                next.put(e.getKey(), e.getValue());
            }
        }
        for (String name : names) {
            if (keep.contains(name)) {
                next.put(name, resolve(name));
            }
        }
        HostResolutions updated = new HostResolutions(next);
        if (!updated.equals(current)) {
            current = updated;
            onChange.run();
        }
    }

    private Set<InetAddress> resolve(String name) {
        try {
            Set<InetAddress> addresses = new LinkedHashSet<>();
            for (InetAddress address : lookup.addressesOf(name)) {
                addresses.add(address);
            }
            return Set.copyOf(addresses);
        } catch (UnknownHostException | SecurityException e) {
            return Set.of();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
