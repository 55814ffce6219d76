package dev.parley.gateway.edge;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Passes a connection's bytes through to the servlet container on the loopback port and its answers back, each side
 * reading only as fast as the other writes.
 */
final class ServletProxy extends ChannelInboundHandlerAdapter {

    private final int servletPort;
    private final Queue<Object> early = new ArrayDeque<>(2);
    private Channel inbound;
    private Channel outbound;

    ServletProxy(int servletPort) {
        this.servletPort = servletPort;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        inbound = ctx.channel();
        inbound.config().setAutoRead(false);
        new Bootstrap()
                .group(inbound.eventLoop())
                .channel(io.netty.channel.socket.nio.NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Back())
                .connect("127.0.0.1", servletPort)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        early.forEach(ReferenceCountUtil::release);
                        early.clear();
                        inbound.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
                                + "Content-Length: 0\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII))
                                .addListener(ChannelFutureListener.CLOSE);
                        return;
                    }
                    outbound = f.channel();
                    Object msg;
                    while ((msg = early.poll()) != null) {
                        outbound.write(msg);
                    }
                    outbound.flush();
                    outbound.read();
                    inbound.config().setAutoRead(true);
                });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (outbound == null) {
            early.add(msg);
            return;
        }
        outbound.writeAndFlush(msg);
        if (!outbound.isWritable()) {
            inbound.config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (outbound != null && inbound.isWritable()) {
            outbound.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (outbound != null) {
            outbound.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The servlet container's side: its answers go back to the client, reading on while the client keeps up. */
    private final class Back extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            inbound.writeAndFlush(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (inbound.isWritable()) {
                ctx.channel().read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                inbound.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inbound.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
