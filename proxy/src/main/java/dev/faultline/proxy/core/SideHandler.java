package dev.faultline.proxy.core;

import dev.faultline.proxy.Log;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/** Hands the events of one socket of a {@link Connection} (client or upstream side) to it. */
final class SideHandler extends ChannelInboundHandlerAdapter {
    private final Connection connection;
    private final boolean clientSide;

    SideHandler(Connection connection, boolean clientSide) {
        this.connection = connection;
        this.clientSide = clientSide;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (clientSide) {
            connection.start();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.onRead(clientSide, (ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.onReadComplete(clientSide);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.onWritabilityChanged(clientSide);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            connection.onInputShutdown(clientSide);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onInactive(clientSide);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            Log.debug(() -> (clientSide ? "client" : "upstream") + " socket " + ctx.channel() + " failed: " + cause);
        } else {
            Log.warn("closing " + (clientSide ? "client" : "upstream") + " socket " + ctx.channel()
                    + " after an unexpected error: " + cause);
        }
        ctx.close();
    }
}
