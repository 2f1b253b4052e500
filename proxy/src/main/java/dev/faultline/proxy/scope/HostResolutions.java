package dev.faultline.proxy.scope;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/** An immutable snapshot: host name to the addresses it resolved to (empty when resolution failed). */
public record HostResolutions(Map<String, Set<InetAddress>> byName) {
    public static final HostResolutions NONE = new HostResolutions(Map.of());

    public HostResolutions {
        byName = Map.copyOf(byName);
    }

    public Set<InetAddress> addressesOf(String name) {
        return byName.getOrDefault(name, Set.of());
    }
}
