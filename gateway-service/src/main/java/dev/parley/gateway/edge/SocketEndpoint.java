package dev.parley.gateway.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;

/** What the edge serves itself rather than pass to the servlet container: the WebSocket endpoint. */
public interface SocketEndpoint {

    /** Whether this request (its head) is for the socket endpoint. */
    boolean accepts(HttpRequest request);

    /**
     * Takes over the connection for this request: replaces the edge's HTTP handlers after {@code ctx} with its own
     * and serves the upgrade. Owns (releases) the request.
     */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest request);

    /** Tells every open socket to reconnect elsewhere and waits up to {@code grace} for them to go. */
    void drain(java.time.Duration grace);
}
