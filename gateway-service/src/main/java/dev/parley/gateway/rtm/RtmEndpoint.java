package dev.parley.gateway.rtm;

import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.connection.Connections;
import dev.parley.gateway.edge.SocketEndpoint;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
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
    public boolean accepts(String requestLine) {
        return requestLine.startsWith("GET /rtm ") || requestLine.startsWith("GET /rtm?");
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        pipeline.addLast("http", new HttpServerCodec(8192, 16 * 1024, 8192));
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(8192));
        pipeline.addLast("rtm-handshake", handshakes.create());
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
