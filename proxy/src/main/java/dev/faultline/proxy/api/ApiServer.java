package dev.faultline.proxy.api;

import dev.faultline.proxy.core.AcceptGuard;
import dev.faultline.proxy.core.ConnectionGate;
import dev.faultline.proxy.core.Limits;
import dev.faultline.proxy.scope.ClientScope;
import dev.faultline.proxy.scope.HostResolutions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener of the API. Bounded against hostile clients: at most {@link Limits#maxApiConnections()}
 * connections at once (more are closed at once), an idle connection is closed after
 * {@link Limits#apiIdleTimeout()}, a request line, its headers and its body have size limits, and with
 * {@code -api-clients} a connection from any other address is answered 403 and its request is discarded unread.
 */
public final class ApiServer implements AutoCloseable {
    /** The largest request body; a {@code /populate} of every proxy the limits allow fits many times over. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_REQUEST_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;

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
                                 ApiService service, Executor apiThread, Limits limits, ClientScope clients)
            throws IOException {
        long idleMillis = limits.apiIdleTimeout().toMillis();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .handler(new AcceptGuard("API", ConnectionGate.of(limits.maxApiConnections())))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!clients.matches(ch.remoteAddress().getAddress(), HostResolutions.NONE)) {
                            ch.pipeline().addLast(new Refuse());
                            return;
                        }
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
                        addHttpHandlers(ch.pipeline(), service, apiThread);
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen for the API on " + address.getHostString() + ":" + address.getPort()
                    + ": " + bound.cause().getMessage(), bound.cause());
        }
        return new ApiServer(bound.channel());
    }

    /** HTTP decoding with its size limits, then the API; also what the fuzz test drives, without a socket. */
    static void addHttpHandlers(ChannelPipeline pipeline, ApiService service, Executor apiThread) {
        pipeline.addLast(new HttpServerCodec(MAX_REQUEST_LINE_BYTES, MAX_HEADER_BYTES, 8192))
                .addLast(new BoundedAggregator())
                .addLast(new ApiHandler(service, apiThread));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }

    /**
     * A client whose address {@code -api-clients} does not list: 403, then the proxy closes its side and reads on,
     * discarding, until the client closes, {@link #REFUSED_BYTES} have come or {@link #REFUSED_LINGER} has passed.
     * Closing at once with the client's request unread answers its next write with a reset, which a shell's
     * {@code printf} dies of before reading the 403. Nothing read is parsed.
     */
    private static final class Refuse extends ChannelInboundHandlerAdapter {
        private static final byte[] FORBIDDEN = httpError(403, "Forbidden",
                "API clients are limited by -api-clients; this address is not among them");
        private static final int REFUSED_BYTES = 64 * 1024;
        private static final Duration REFUSED_LINGER = Duration.ofSeconds(2);
        private long discarded;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(FORBIDDEN)).addListener((ChannelFutureListener) written -> {
                if (!written.isSuccess()) {
                    ctx.close();
                    return;
                }
                ((SocketChannel) ctx.channel()).shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), REFUSED_LINGER.toMillis(), TimeUnit.MILLISECONDS);
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.buffer.ByteBuf bytes) {
                discarded += bytes.readableBytes();
            }
            io.netty.util.ReferenceCountUtil.release(msg);
            if (discarded > REFUSED_BYTES) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Answers a body over {@link #MAX_BODY_BYTES} with 413 and the JSON error shape, then closes its side of the
     * connection but reads on (the aggregator discards the rest of the body): a client still sending would
     * otherwise get a reset instead of the answer. The idle timeout or the client's close ends the connection.
     */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private static final byte[] TOO_LARGE = ApiResponse.error(
                new ApiException(413, "request body larger than " + MAX_BODY_BYTES + " bytes")).body();

        BoundedAggregator() {
            super(MAX_BODY_BYTES);
        }

        /** Also the answer to {@code Expect: 100-continue} with a body too large (Netty's own has no body). */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof HttpResponse response
                    && response.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
                io.netty.util.ReferenceCountUtil.release(answer);
                return tooLarge();
            }
            return answer;
        }

        private static FullHttpResponse tooLarge() {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(TOO_LARGE));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, ApiResponse.JSON);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, TOO_LARGE.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ctx.writeAndFlush(tooLarge()).addListener(f -> {
                if (ctx.channel() instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                } else {
                    ctx.close();
                }
            });
        }
    }

    /** A whole HTTP/1.1 error response that closes the connection, with Toxiproxy's JSON error body. */
    static byte[] httpError(int status, String reason, String message) {
        byte[] body = ApiResponse.error(new ApiException(status, message)).body();
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
