package dev.faultline.proxy.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** The HTTP listener of the API. */
public final class ApiServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final Channel channel;

    private ApiServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds the API.
     *
     * @throws IOException when the address cannot be bound, naming it
     */
    public static ApiServer bind(InetSocketAddress address, EventLoopGroup acceptors, EventLoopGroup workers,
                                 ApiService service, Executor apiThread) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new ApiHandler(service, apiThread));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen for the API on " + address.getHostString() + ":" + address.getPort()
                    + ": " + bound.cause().getMessage(), bound.cause());
        }
        return new ApiServer(bound.channel());
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
