package dev.faultline.proxy.core;

import dev.faultline.proxy.api.ApiException;
import dev.faultline.proxy.toxics.ToxicSpec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One named TCP proxy: listens on {@code listen}, connects each client to {@code upstream} and runs
 * the proxy's toxics on the traffic. Its settings change only on the API thread; the event loops read
 * {@link #upstream()} and {@link #toxics()}, which are published safely.
 */
public final class Proxy {
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** Reads grow up to 256 KiB (Netty's default stops at 64 KiB): fewer system calls per byte in bulk. */
    static final AdaptiveRecvByteBufAllocator READS = new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 256 * 1024);

    private final String name;
    private final NetworkContext net;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ConnectionGate gate;
    /** Client connections accepted since the proxy was created (Faultline extension: connection attempts). */
    private final AtomicLong accepted = new AtomicLong();
    private String listen;
    private volatile String upstream;
    private volatile ToxicSet toxics = ToxicSet.EMPTY;
    private boolean enabled;
    private Channel listener;
    /** The address this proxy listened on before its last stop, for {@link #bindReleasedPort}. */
    private InetSocketAddress lastBound;
    private static final long REBIND_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(2);

    Proxy(String name, String listen, String upstream, NetworkContext net) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
        this.net = net;
        this.gate = net.connections().child(net.limits().maxConnectionsPerProxy());
    }

    public String name() {
        return name;
    }

    /** The listen address; once started, the bound one (a requested port 0 shows the real port). */
    public String listen() {
        return listen;
    }

    public String upstream() {
        return upstream;
    }

    public boolean enabled() {
        return enabled;
    }

    public ToxicSet toxics() {
        return toxics;
    }

    NetworkContext net() {
        return net;
    }

    /** Open client connections; for tests and diagnostics. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Client connections accepted since this proxy was created, whatever became of them (served, refused by the
     * limits, closed because the upstream could not be reached): the connection attempts that reached the proxy.
     * It only grows; disabling, re-enabling or resetting the proxy keeps it. While the proxy is disabled nothing is
     * accepted, so refused attempts are not counted.
     */
    public long acceptedConnections() {
        return accepted.get();
    }

    /**
     * Starts listening. Fails like Toxiproxy, with status 500 and Go's wording, e.g.
     * {@code listen tcp 127.0.0.1:3310: bind: address already in use}.
     *
     * @return false when it was already listening
     */
    boolean start() {
        if (enabled) {
            return false;
        }
        InetSocketAddress address = resolveListen();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(net.acceptors(), net.workers())
                .channel(NioServerSocketChannel.class)
                .handler(new AcceptGuard("proxy " + name, gate, accepted::incrementAndGet))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        Connection connection = new Connection(Proxy.this, client);
                        client.pipeline().addLast(connection.clientHandler());
                    }
                });
        ChannelFuture bound = bindReleasedPort(bootstrap, address);
        if (!bound.isSuccess()) {
            throw ApiException.internal("listen tcp " + HostAndPort.format(address) + ": bind: " + describe(bound.cause()));
        }
        listener = bound.channel();
        listen = HostAndPort.format((InetSocketAddress) listener.localAddress());
        enabled = true;
        return true;
    }

    /**
     * Binds; if this proxy itself listened on the address a moment ago, retries briefly. Java NIO closes a
     * listening socket registered with a selector only at the selector's next round, after the close
     * has completed for Netty, so an immediate re-bind (enable after disable, a PATCH) can find the port
     * still taken by our own old socket. Go closes at once; this makes the re-bind as reliable.
     */
    private ChannelFuture bindReleasedPort(ServerBootstrap bootstrap, InetSocketAddress address) {
        long deadline = System.nanoTime() + REBIND_PATIENCE_NANOS;
        while (true) {
            ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
            boolean ownOldSocket = address.equals(lastBound) && bound.cause() instanceof BindException;
            if (bound.isSuccess() || !ownOldSocket || System.nanoTime() - deadline > 0) {
                return bound;
            }
            // poll the port against the deadline until the old socket is really closed
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private InetSocketAddress resolveListen() {
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.parse(listen);
        } catch (IllegalArgumentException e) {
            throw ApiException.internal("listen tcp: " + e.getMessage());
        }
        if (hostAndPort.host().isEmpty()) {
            return new InetSocketAddress(hostAndPort.port());
        }
        try {
            InetAddress address = IpLiterals.parse(hostAndPort.host());
            if (address == null) {
                address = InetAddress.getByName(hostAndPort.host());
            }
            return new InetSocketAddress(address, hostAndPort.port());
        } catch (UnknownHostException e) {
            throw ApiException.internal("listen tcp: lookup " + hostAndPort.host() + ": no such host");
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (cause instanceof BindException) {
            // Java: "Address already in use"; Go: "address already in use".
            return message.toLowerCase(Locale.ROOT);
        }
        return message;
    }

    /** Stops listening and closes every open connection. */
    void stop() {
        if (!enabled) {
            return;
        }
        enabled = false;
        lastBound = (InetSocketAddress) listener.localAddress();
        listener.close().awaitUninterruptibly();
        // Let the acceptor loop run a selector round, which is when NIO really closes the socket (a task
        // scheduled ahead runs after the loop's next select; bindReleasedPort covers the rest).
        listener.eventLoop().schedule(() -> { }, 1, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        listener = null;
        for (Connection connection : List.copyOf(connections)) {
            connection.close();
        }
    }

    /**
     * Applies a PATCH: a new listen or upstream address restarts the proxy (dropping connections), then
     * the proxy is started or stopped to match {@code enabled}.
     */
    void update(String newListen, String newUpstream, boolean newEnabled) {
        if (!newListen.equals(listen) || !newUpstream.equals(upstream)) {
            stop();
            listen = newListen;
            upstream = newUpstream;
        }
        if (newEnabled != enabled) {
            if (newEnabled) {
                start();
            } else {
                stop();
            }
        }
    }

    void setToxics(ToxicSet next) {
        toxics = next;
        reconcileConnections();
    }

    /**
     * Makes every open connection re-apply the current toxics and client resolutions, and waits (up to a second)
     * until they have: a toxic the API has answered for is in effect on the open connections too.
     */
    void reconcileConnections() {
        List<io.netty.util.concurrent.Future<?>> applied = new ArrayList<>();
        for (Connection connection : connections) {
            applied.add(connection.reconcileLater());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (io.netty.util.concurrent.Future<?> f : applied) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    ToxicSpec addToxic(ToxicSpec toxic) {
        if (toxics.find(toxic.name()).isPresent()) {
            throw ApiException.toxicAlreadyExists();
        }
        setToxics(toxics.with(toxic));
        return toxic;
    }

    ToxicSpec replaceToxic(ToxicSpec toxic) {
        setToxics(toxics.replacing(toxic));
        return toxic;
    }

    void removeToxic(String toxicName) {
        if (toxics.find(toxicName).isEmpty()) {
            throw ApiException.toxicNotFound();
        }
        setToxics(toxics.without(toxicName));
    }

    void removeAllToxics() {
        if (!toxics.isEmpty()) {
            setToxics(ToxicSet.EMPTY);
        }
    }

    /**
     * Registers a new connection. Returns false when the listener that accepted it has been closed in
     * the meantime, so a connection accepted during a disable does not outlive it.
     */
    boolean register(Connection connection, Channel acceptedBy) {
        connections.add(connection);
        if (acceptedBy == null || !acceptedBy.isOpen()) {
            connections.remove(connection);
            return false;
        }
        return true;
    }

    void unregister(Connection connection) {
        connections.remove(connection);
    }
}
