package dev.parley.gateway.rtm;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.TokenVerifier;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.connection.Connection;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The upgrade request of {@code /rtm}: Origin allow-list, then the token (header or {@code ?token=}), checked before
 * anything is upgraded (401 otherwise), then the WebSocket handshake and the socket's own handlers.
 */
final class RtmHandshake extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Factory factory;

    private RtmHandshake(Factory factory) {
        this.factory = factory;
    }

    /** Makes a handshake handler per connection, sharing what they all need. */
    @Component
    static final class Factory {
        final TokenVerifier tokens;
        final GatewayProperties properties;
        final RtmProtocol protocol;
        final List<Pattern> origins;
        final Executor offLoop = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

        Factory(TokenVerifier tokens, GatewayProperties properties, RtmProtocol protocol) {
            this.tokens = tokens;
            this.properties = properties;
            this.protocol = protocol;
            this.origins = properties.allowedOrigins().stream().map(Factory::glob).toList();
        }

        RtmHandshake create() {
            return new RtmHandshake(this);
        }

        boolean originAllowed(String origin) {
            return origin == null || origins.stream().anyMatch(p -> p.matcher(origin).matches());
        }

        static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (String part : pattern.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess() || request.method() != HttpMethod.GET) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad_request");
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path;
        Map<String, List<String>> parameters;
        try {
            path = query.path();
            parameters = query.parameters();
        } catch (IllegalArgumentException e) {
            // A broken percent-escape in the path or query.
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "invalid_request");
            return;
        }
        if (!path.equals("/rtm")) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "unknown_path");
            return;
        }
        if (!factory.originAllowed(request.headers().get(HttpHeaderNames.ORIGIN))) {
            refuse(ctx, HttpResponseStatus.FORBIDDEN, "origin_not_allowed");
            return;
        }
        String token = null;
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        }
        if ((token == null || token.isEmpty()) && parameters.containsKey("token")) {
            token = parameters.get("token").getFirst();
        }
        boolean resume = parameters.containsKey("resume")
                && !List.of("0", "false").contains(parameters.get("resume").getFirst());
        FullHttpRequest held = request.retainedDuplicate();
        String presented = token;
        ctx.channel().config().setAutoRead(false);
        // Verifying may fetch signing keys from the workspace service: never on the event loop.
        factory.offLoop.execute(() -> {
            TokenVerifier.Verified verified;
            try {
                verified = factory.tokens.verifyWithExpiry(presented);
            } catch (SlackApiException e) {
                // A bot token that could not be looked up is the server's trouble, not a bad token.
                boolean unavailable = e.error().equals("service_unavailable");
                ctx.executor().execute(() -> {
                    held.release();
                    refuse(ctx, unavailable ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.UNAUTHORIZED,
                            unavailable ? "service_unavailable"
                                    : presented == null || presented.isEmpty() ? "not_authed" : "invalid_auth");
                });
                return;
            } catch (RuntimeException e) {
                ctx.executor().execute(() -> {
                    held.release();
                    refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "service_unavailable");
                });
                return;
            }
            ctx.executor().execute(() -> upgrade(ctx, held, verified, resume));
        });
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, TokenVerifier.Verified verified, boolean resume) {
        try {
            String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + "/rtm";
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, false,
                    factory.properties.maxFrameBytes()).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            // A bot token never expires (Instant.MAX, past what milliseconds can hold): its socket has no deadline.
            long expiresAt = clampMillis(verified.expiresAt());
            Connection connection = new Connection(ctx.channel(), verified.caller(),
                    expiresAt > 0 ? expiresAt : Long.MAX_VALUE,
                    factory.properties.maxQueuedBytes(), resume);
            handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    ctx.close();
                    return;
                }
                var pipeline = ctx.pipeline();
                if (pipeline.get("handshake-timeout") != null) {
                    pipeline.remove("handshake-timeout");
                }
                pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(factory.properties.maxFrameBytes()));
                pipeline.addLast("rtm", new RtmSocket(connection, factory.protocol, factory.properties));
                pipeline.remove(RtmHandshake.this);
                ctx.channel().config().setAutoRead(true);
                factory.protocol.opened(connection);
            });
        } finally {
            request.release();
        }
    }

    private static long clampMillis(java.time.Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String error) {
        byte[] body = ("{\"ok\":false,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
