package dev.faultline.proxy.core;

import dev.faultline.proxy.scope.HostNameResolver;
import io.netty.channel.EventLoopGroup;
import java.util.Random;
import java.util.concurrent.Executor;

/**
 * What every proxy shares: the event loops (one accepting, several moving bytes), the executor for
 * upstream DNS look-ups, the client-scope resolver, the random source seeded by {@code -seed}, the limits and
 * the count of client connections over all proxies.
 */
public record NetworkContext(EventLoopGroup acceptors, EventLoopGroup workers, Executor upstreamLookups,
                             HostNameResolver clientNames, Random random, Limits limits, ConnectionGate connections) {
}
