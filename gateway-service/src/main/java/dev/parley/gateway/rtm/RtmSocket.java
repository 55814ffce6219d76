package dev.parley.gateway.rtm;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.connection.Connection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.CharacterCodingException;

/**
 * One socket's frames on the event loop: control frames answered here, a per-socket rate limit (token bucket), and
 * text frames handed to the protocol.
 */
final class RtmSocket extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** Frames dropped for the rate limit before a socket counts as flooding and is closed. */
    static final int FLOOD_LIMIT = 200;

    private final Connection connection;
    private final RtmProtocol protocol;
    private final double rate;
    private final double burst;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private int dropped;

    RtmSocket(Connection connection, RtmProtocol protocol, GatewayProperties properties) {
        this.connection = connection;
        this.protocol = protocol;
        this.rate = properties.frameRate();
        this.burst = properties.frameBurst();
        this.tokens = burst;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        connection.seen();
        if (connection.closing() && !(frame instanceof CloseWebSocketFrame)) {
            return;
        }
        switch (frame) {
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> {
                // Liveness only.
            }
            case CloseWebSocketFrame close -> connection.closeAnswered();
            case TextWebSocketFrame text -> {
                if (!take()) {
                    return;
                }
                String json;
                try {
                    json = UTF_8.newDecoder().decode(text.content().nioBuffer()).toString();
                } catch (CharacterCodingException e) {
                    // RFC 6455: text that is not UTF-8 fails the connection (1007), rather than being read with
                    // replacement characters as something the client never sent.
                    connection.close(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code(), "invalid_utf8");
                    return;
                }
                protocol.frame(connection, json);
            }
            case BinaryWebSocketFrame binary -> {
                if (take()) {
                    connection.send(RtmProtocol.error(null, 1, "binary_not_supported"));
                }
            }
            default -> {
            }
        }
    }

    /** Takes a token for a frame; answers the first frame over the limit, and closes a socket that keeps flooding. */
    private boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            if (tokens >= burst / 2) {
                // Calmed down: the bucket has refilled, so earlier drops no longer count towards a flood.
                dropped = 0;
            }
            return true;
        }
        if (dropped++ == 0) {
            connection.send("{\"type\":\"error\",\"error\":{\"code\":429,\"msg\":\"rate_limited\"}}");
        }
        if (dropped > FLOOD_LIMIT) {
            connection.close(Connection.CLOSE_FLOOD, "rate_limited: too many frames");
        }
        return false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        protocol.closed(connection);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // The decoder says which rule the frame broke: 1007 for text that is not UTF-8, 1009 too large, 1002 else.
            WebSocketCloseStatus status = corrupted.closeStatus();
            connection.close(status.code(), status == WebSocketCloseStatus.MESSAGE_TOO_BIG ? "frame_too_large" : status.reasonText());
        } else if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "frame_too_large");
        } else {
            ctx.close();
        }
    }
}
