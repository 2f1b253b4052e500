package dev.faultline.proxy.api;

import dev.faultline.proxy.Log;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Takes HTTP requests off the event loop and runs them one at a time on the API executor (which may
 * bind sockets and wait), then writes the answer back. Requests on one connection are answered in order.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ApiService service;
    private final Executor apiThread;

    ApiHandler(ApiService service, Executor apiThread) {
        this.service = service;
        this.apiThread = apiThread;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, ApiResponse.error(malformed(request.decoderResult().cause())), false);
            return;
        }
        List<String> path;
        try {
            path = segments(request.uri());
        } catch (IllegalArgumentException e) {
            write(ctx, ApiResponse.error(new ApiException(400, "bad request path: invalid percent-encoding")), keepAlive);
            return;
        }
        ApiRequest apiRequest = new ApiRequest(
                request.method().name(),
                path,
                ByteBufUtil.getBytes(request.content()),
                request.headers().get(HttpHeaderNames.USER_AGENT));
        try {
            apiThread.execute(() -> {
                ApiResponse response;
                try {
                    response = service.handle(apiRequest);
                } catch (RuntimeException e) {
                    Log.warn("API " + apiRequest.method() + " /" + String.join("/", apiRequest.path()) + " failed: " + e);
                    response = ApiResponse.error(ApiException.internal("internal error; the proxy's log has the details"));
                }
                write(ctx, response, keepAlive);
            });
        } catch (RejectedExecutionException e) {
            write(ctx, ApiResponse.error(new ApiException(503, "server is shutting down")), false);
        }
    }

    /** The HTTP decoder gave up on a request: what was wrong, without the decoder's internals. */
    private static ApiException malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new ApiException(414, "request line longer than " + ApiServer.MAX_REQUEST_LINE_BYTES + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new ApiException(431, "request headers larger than " + ApiServer.MAX_HEADER_BYTES + " bytes");
        }
        return new ApiException(400, "malformed HTTP request");
    }

    /** An API connection that was idle for -api-idle-timeout is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Path segments, percent-decoded; {@link IllegalArgumentException} for a bad %-escape. */
    private static List<String> segments(String uri) {
        String rawPath = new QueryStringDecoder(uri).rawPath();
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        if (response.contentType() != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Log.debug(() -> "API connection " + ctx.channel() + " failed: " + cause);
        ctx.close();
    }
}
