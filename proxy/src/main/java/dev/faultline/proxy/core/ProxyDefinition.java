package dev.faultline.proxy.core;

import java.util.Objects;

/** What a client asks for when creating a proxy: name, listen and upstream addresses, enabled. */
public record ProxyDefinition(String name, String listen, String upstream, boolean enabled) {
    public ProxyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
    }
}
