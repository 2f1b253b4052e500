package dev.faultline.proxy.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client of the server may take, so that no client (hostile or buggy) can starve the others: how
 * many proxies and toxics may exist, how many client connections the proxies and the API hold at once, and
 * how long an idle API connection is kept. Set on the command line ({@code -max-proxies} etc.).
 */
public record Limits(int maxProxies, int maxToxicsPerProxy, int maxConnections, int maxConnectionsPerProxy,
                     int maxApiConnections, Duration apiIdleTimeout) {
    public static final Limits DEFAULTS = new Limits(256, 64, 4096, 1024, 64, Duration.ofSeconds(60));

    public Limits {
        requirePositive("maxProxies", maxProxies);
        requirePositive("maxToxicsPerProxy", maxToxicsPerProxy);
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxConnectionsPerProxy", maxConnectionsPerProxy);
        requirePositive("maxApiConnections", maxApiConnections);
        Objects.requireNonNull(apiIdleTimeout, "apiIdleTimeout");
        if (apiIdleTimeout.isNegative() || apiIdleTimeout.isZero()) {
            throw new IllegalArgumentException("apiIdleTimeout must be positive but was " + apiIdleTimeout);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
        }
    }
}
