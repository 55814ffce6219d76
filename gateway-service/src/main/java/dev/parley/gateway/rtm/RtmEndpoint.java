package dev.parley.gateway.rtm;

import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.connection.Connections;
import dev.parley.gateway.edge.SocketEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code /rtm} on the edge: which requests are ours, the handlers that serve them, and draining on shutdown. */
@Component
class RtmEndpoint implements SocketEndpoint {

    private final RtmHandshake.Factory handshakes;
    private final Connections connections;

    RtmEndpoint(RtmHandshake.Factory handshakes, Connections connections) {
        this.handshakes = handshakes;
        this.connections = connections;
    }

    @Override
    public boolean accepts(HttpRequest request) {
        String uri = request.uri();
        return (uri.equals("/rtm") || uri.startsWith("/rtm?")) && request.method() == HttpMethod.GET;
    }

    @Override
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        ctx.pipeline().replace(ctx.handler(), "rtm-handshake", handshakes.create());
        // Fired from the HTTP codec, so the handshake handler that now follows it reads the request.
        ctx.pipeline().context("http").fireChannelRead(request);
    }

    @Override
    public void drain(Duration grace) {
        List<Connection> open = connections.all();
        String goodbye = "{\"type\":\"goodbye\",\"reason\":\"server_shutdown\"}";
        for (Connection c : open) {
            c.send(goodbye);
            c.close(Connection.CLOSE_GOING_AWAY, "server_shutdown: reconnect and resume");
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && open.stream().anyMatch(c -> c.channel().isActive())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
