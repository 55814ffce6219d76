package dev.parley.gateway.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client on Netty that does only what a test tells it: it never answers a ping unless asked to, it can
 * stop reading altogether, as a stalled client does, and it sends no Origin unless given one (as bots and SDKs).
 */
public final class WsClient implements AutoCloseable {

    /** The server refused the upgrade with an HTTP answer. */
    public static final class Refused extends Exception {
        public final HttpResponseStatus status;
        public final String body;

        Refused(HttpResponseStatus status, String body) {
            super(status + " " + body);
            this.status = status;
            this.body = body;
        }
    }

    private final Channel channel;
    private final FrameLog frames;

    private WsClient(Channel channel, FrameLog frames) {
        this.channel = channel;
        this.frames = frames;
    }

    public static WsClient connect(int port, String pathAndQuery, HttpHeaders headers, boolean answerPings, int receiveBuffer)
            throws Refused {
        FrameLog log = new FrameLog();
        CompletableFuture<Object> done = new CompletableFuture<>();
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                URI.create("ws://127.0.0.1:" + port + pathAndQuery), WebSocketVersion.V13, null, false, headers, 1 << 24,
                true, false, 10_000, false, false);
        Bootstrap bootstrap = new Bootstrap()
                .group(TestLoops.GROUP)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("http", new HttpClientCodec());
                        ch.pipeline().addLast("aggregator", new HttpObjectAggregator(1 << 20));
                        ch.pipeline().addLast("handshake", new Handshake(handshaker, done, answerPings));
                        ch.pipeline().addLast("frames", log);
                    }
                });
        if (receiveBuffer > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        Channel channel = bootstrap.connect("127.0.0.1", port).syncUninterruptibly().channel();
        // When the server's 101 is read before the request write's listener runs, the upgrade has already taken the
        // HTTP codec out, and that listener fails ("no HttpClientCodec") without adding the frame encoder although
        // the upgrade worked. So the listener's outcome is only waited for; the answer to the upgrade decides, and
        // the frame encoder is added here when the listener could not.
        boolean encoderAdded = handshaker.handshake(channel).awaitUninterruptibly().isSuccess();
        Object outcome = done.orTimeout(10, TimeUnit.SECONDS).join();
        if (outcome instanceof Refused refused) {
            channel.close();
            throw refused;
        }
        if (!encoderAdded && channel.pipeline().get(
                io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder.class) == null) {
            channel.pipeline().addFirst("ws-encoder",
                    new io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder(true));
        }
        return new WsClient(channel, log);
    }

    public static WsClient connect(int port, String pathAndQuery, HttpHeaders headers) throws Refused {
        return connect(port, pathAndQuery, headers, false, 0);
    }

    public static HttpHeaders bearer(String token) {
        return new DefaultHttpHeaders().set("Authorization", "Bearer " + token);
    }

    public FrameLog frames() {
        return frames;
    }

    public Channel channel() {
        return channel;
    }

    public void send(String text) {
        send(new TextWebSocketFrame(text));
    }

    public void send(WebSocketFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /** Sends without waiting for the write: for floods. */
    public void sendNow(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    public void stopReading() {
        channel.config().setAutoRead(false);
    }

    public void resumeReading() {
        channel.config().setAutoRead(true);
        channel.read();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** Completes the upgrade (or records the refusal), then passes frames on, answering pings when told to. */
    private static final class Handshake extends ChannelInboundHandlerAdapter {
        private final WebSocketClientHandshaker handshaker;
        private final CompletableFuture<Object> done;
        private final boolean answerPings;

        Handshake(WebSocketClientHandshaker handshaker, CompletableFuture<Object> done, boolean answerPings) {
            this.handshaker = handshaker;
            this.done = done;
            this.answerPings = answerPings;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpResponse response) {
                try {
                    if (response.status().code() != 101) {
                        done.complete(new Refused(response.status(), response.content().toString(StandardCharsets.UTF_8)));
                        return;
                    }
                    handshaker.finishHandshake(ctx.channel(), response);
                    done.complete(Boolean.TRUE);
                } finally {
                    response.release();
                }
                return;
            }
            if (answerPings && msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.completeExceptionally(new IllegalStateException("closed during the handshake"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
            ctx.close();
        }
    }
}
