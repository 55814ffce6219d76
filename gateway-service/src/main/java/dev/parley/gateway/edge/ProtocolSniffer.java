package dev.parley.gateway.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the request line of a new connection and picks its road: {@code GET /rtm} becomes a WebSocket here, every
 * other request is passed through to the servlet container. Removing itself hands the bytes read so far to the
 * handlers it installed.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {

    static final int MAX_REQUEST_LINE = 8192;

    private final SocketEndpoint sockets;
    private final int servletPort;

    ProtocolSniffer(SocketEndpoint sockets, int servletPort) {
        this.sockets = sockets;
        this.servletPort = servletPort;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int end = in.indexOf(in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + MAX_REQUEST_LINE), (byte) '\n');
        if (end < 0) {
            if (in.readableBytes() >= MAX_REQUEST_LINE) {
                in.skipBytes(in.readableBytes());
                ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 414 URI Too Long\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                        StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        String requestLine = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
        if (sockets.accepts(requestLine)) {
            sockets.install(ctx.pipeline());
        } else {
            ctx.pipeline().addLast(new ServletProxy(servletPort));
            ctx.pipeline().remove(EdgeServer.HANDSHAKE_TIMEOUT);
        }
        ctx.pipeline().remove(this);
    }
}
