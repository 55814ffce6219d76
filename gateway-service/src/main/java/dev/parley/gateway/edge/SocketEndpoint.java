package dev.parley.gateway.edge;

import io.netty.channel.ChannelPipeline;

/** What the edge serves itself rather than pass to the servlet container: the WebSocket endpoint. */
public interface SocketEndpoint {

    /** Whether a connection whose first request line is this one is for the socket endpoint. */
    boolean accepts(String requestLine);

    /** Adds the handlers that read the HTTP upgrade request and then the socket's frames. */
    void install(ChannelPipeline pipeline);

    /** Tells every open socket to reconnect elsewhere and waits up to {@code grace} for them to go. */
    void drain(java.time.Duration grace);
}
