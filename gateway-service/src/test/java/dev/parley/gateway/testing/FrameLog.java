package dev.parley.gateway.testing;

import dev.parley.common.json.SlackJson;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The frames a test client received, in arrival order, read one by one by the test: text frames, pings, the close
 * frame, and the end of the connection.
 */
public final class FrameLog extends ChannelInboundHandlerAdapter {

    public static final Duration WAIT = Duration.ofSeconds(10);

    public enum Kind { TEXT, BINARY, PING, PONG, CLOSE, END }

    public record Frame(Kind kind, String text, int closeCode) {

        public JsonNode json() {
            if (kind != Kind.TEXT) {
                throw new AssertionError("expected a text frame, got " + this);
            }
            return SlackJson.tree(text);
        }
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            Frame frame = switch (msg) {
                case TextWebSocketFrame text -> new Frame(Kind.TEXT, text.text(), 0);
                case BinaryWebSocketFrame binary -> new Frame(Kind.BINARY, null, 0);
                case PingWebSocketFrame ping -> new Frame(Kind.PING, null, 0);
                case PongWebSocketFrame pong -> new Frame(Kind.PONG, null, 0);
                case CloseWebSocketFrame close -> new Frame(Kind.CLOSE, close.reasonText(), close.statusCode());
                default -> throw new IllegalStateException("unexpected " + msg);
            };
            frames.add(frame);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        frames.add(new Frame(Kind.END, null, 0));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The next frame of any kind. */
    public Frame next() {
        return next(WAIT);
    }

    public Frame next(Duration wait) {
        try {
            Frame frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + wait);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next text frame as JSON, past pings and pongs; fails on a close. */
    public JsonNode nextJson() {
        while (true) {
            Frame frame = next();
            if (frame.kind() == Kind.PING || frame.kind() == Kind.PONG) {
                continue;
            }
            return frame.json();
        }
    }

    /** Text frames up to and including the first the fence matches; fails when the socket closes first. */
    public List<JsonNode> until(Predicate<JsonNode> fence) {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode json = nextJson();
            seen.add(json);
            if (fence.test(json)) {
                return seen;
            }
        }
    }

    /** Every frame up to and including the close frame (or the end of the connection when none came). */
    public List<Frame> untilClosed() {
        List<Frame> seen = new ArrayList<>();
        while (true) {
            Frame frame = next();
            seen.add(frame);
            if (frame.kind() == Kind.CLOSE || frame.kind() == Kind.END) {
                return seen;
            }
        }
    }

    /** Whether a frame is waiting to be read. */
    public boolean isEmpty() {
        return frames.isEmpty();
    }
}
