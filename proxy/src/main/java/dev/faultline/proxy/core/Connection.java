package dev.faultline.proxy.core;

import dev.faultline.proxy.Log;
import dev.faultline.proxy.scope.HostResolutions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One client connection and its connection to the upstream, with a {@link Link} for each direction.
 * Both sockets live on the client's event loop, so everything here runs on that one thread.
 */
final class Connection {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Proxy proxy;
    private final Channel client;
    private final EventLoop loop;
    private Channel upstream;
    private InetAddress clientAddress;
    private Link toUpstream;
    private Link toClient;
    private boolean clientGone;
    private boolean upstreamGone;
    private boolean disposed;

    Connection(Proxy proxy, Channel client) {
        this.proxy = proxy;
        this.client = client;
        this.loop = client.eventLoop();
    }

    SideHandler clientHandler() {
        return new SideHandler(this, true);
    }

    /** The client connected: look up the upstream (off the event loop if it is a name) and dial it. */
    void start() {
        clientAddress = ((InetSocketAddress) client.remoteAddress()).getAddress();
        if (!proxy.register(this, client.parent())) {
            client.close();
            return;
        }
        String upstreamText = proxy.upstream();
        HostAndPort target;
        try {
            target = HostAndPort.parse(upstreamText);
        } catch (IllegalArgumentException e) {
            Log.warn("proxy " + proxy.name() + ": cannot dial upstream " + upstreamText + ": " + e.getMessage());
            client.close();
            return;
        }
        InetAddress literal = target.host().isEmpty() ? InetAddress.getLoopbackAddress() : IpLiterals.parse(target.host());
        if (literal != null) {
            connect(List.of(new InetSocketAddress(literal, target.port())), 0);
            return;
        }
        proxy.net().upstreamLookups().execute(() -> {
            try {
                InetAddress[] addresses = InetAddress.getAllByName(target.host());
                List<InetSocketAddress> candidates = Arrays.stream(addresses)
                        .map(a -> new InetSocketAddress(a, target.port())).toList();
                loop.execute(() -> connect(candidates, 0));
            } catch (UnknownHostException e) {
                Log.warnAtMostEvery5s("resolve " + proxy.name(), "proxy " + proxy.name() + ": cannot resolve upstream " + upstreamText + "; closing the client");
                loop.execute(client::close);
            }
        });
    }

    private void connect(List<InetSocketAddress> candidates, int index) {
        if (!client.isActive()) {
            dispose();
            return;
        }
        InetSocketAddress address = candidates.get(index);
        ChannelFuture connecting = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Proxy.WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, Proxy.READS)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new SideHandler(this, false))
                .connect(address);
        connecting.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                upstreamConnected(f.channel());
            } else if (index + 1 < candidates.size()) {
                connect(candidates, index + 1);
            } else {
                Log.warnAtMostEvery5s("connect " + proxy.name(), "proxy " + proxy.name() + ": cannot connect to upstream " + proxy.upstream() + " ("
                        + f.cause().getMessage() + "); closing the client");
                client.close();
            }
        });
    }

    private void upstreamConnected(Channel channel) {
        upstream = channel;
        if (!client.isActive() || disposed) {
            channel.close();
            return;
        }
        toUpstream = new Link(this, client, upstream);
        toClient = new Link(this, upstream, client);
        reconcile();
        toUpstream.startReading();
        toClient.startReading();
    }

    /**
     * Re-applies the proxy's current toxics; safe from any thread. Done when the returned future is (at once on the
     * connection's own event loop).
     */
    io.netty.util.concurrent.Future<?> reconcileLater() {
        if (loop.inEventLoop()) {
            reconcile();
            return loop.newSucceededFuture(null);
        }
        return loop.submit(this::reconcile);
    }

    private void reconcile() {
        if (toUpstream == null || disposed) {
            return;
        }
        ToxicSet toxics = proxy.toxics();
        HostResolutions resolutions = proxy.net().clientNames().current();
        toUpstream.reconcile(toxics.forDirection(Direction.UPSTREAM), t -> t.clients().matches(clientAddress, resolutions));
        toClient.reconcile(toxics.forDirection(Direction.DOWNSTREAM), t -> t.clients().matches(clientAddress, resolutions));
    }

    Random random() {
        return proxy.net().random();
    }

    /** Closes both sockets normally (FIN); safe from any thread. */
    void close() {
        loop.execute(() -> {
            client.close();
            if (upstream != null) {
                upstream.close();
            }
        });
    }

    /** Closes both sockets with TCP RST. Runs on the event loop. */
    void reset() {
        resetChannel(client);
        if (upstream != null) {
            resetChannel(upstream);
        }
    }

    private static void resetChannel(Channel channel) {
        if (channel.isOpen()) {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException e) {
                // the socket may already be half torn down; a plain close is the best left
            }
            channel.close();
        }
    }

    void onRead(boolean fromClient, ByteBuf data) {
        Link link = fromClient ? toUpstream : toClient;
        if (link == null) {
            data.release();
            return;
        }
        link.onRead(data);
    }

    void onReadComplete(boolean fromClient) {
        Link link = fromClient ? toUpstream : toClient;
        if (link != null) {
            link.flush();
        }
    }

    void onWritabilityChanged(boolean clientSide) {
        Link into = clientSide ? toClient : toUpstream;
        if (into != null) {
            into.updateReading();
        }
    }

    void onInputShutdown(boolean clientSide) {
        Link from = clientSide ? toUpstream : toClient;
        if (from != null) {
            from.sourceEnded();
        }
    }

    void onInactive(boolean clientSide) {
        if (clientSide) {
            clientGone = true;
        } else {
            upstreamGone = true;
        }
        Link from = clientSide ? toUpstream : toClient;
        Link into = clientSide ? toClient : toUpstream;
        if (into != null) {
            into.destinationClosed();
        }
        if (from != null) {
            from.sourceEnded();
        }
        if (clientGone && (upstream == null || upstreamGone)) {
            dispose();
        }
    }

    private void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        if (toUpstream != null) {
            toUpstream.discard();
            toClient.discard();
        }
        if (upstream != null) {
            upstream.close();
        }
        proxy.unregister(this);
    }
}
