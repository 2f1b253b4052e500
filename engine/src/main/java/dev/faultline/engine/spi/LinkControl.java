package dev.faultline.engine.spi;

import java.util.Optional;

/** The fault proxies of a running topology, one in front of each service that a declared link leads to. */
public interface LinkControl {
    /** The proxy in front of {@code service}, or empty when no declared link leads to it. */
    Optional<FaultProxy> proxyFor(String service);

    /** A topology without links. */
    static LinkControl none() {
        return service -> Optional.empty();
    }
}
