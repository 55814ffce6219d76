package dev.parley.gateway.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pairs of real loopback TCP sockets speaking WebSocket frames: the server end is what a gateway's connection writes
 * to, the client end records what arrives. Lets a test drive the connection layer without the handshake in front.
 */
public final class TestSockets implements AutoCloseable {

    /** One socket: the gateway's end and what the client end received. */
    public record Pair(Channel server, Channel client, FrameLog frames) {

        public void stopReading() {
            client.config().setAutoRead(false);
        }

        public void resumeReading() {
            client.config().setAutoRead(true);
            client.read();
        }
    }

    private final Channel server;
    private final Map<Integer, CompletableFuture<Channel>> accepted = new ConcurrentHashMap<>();
    private final java.util.List<Channel> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TestSockets() {
        server = new ServerBootstrap()
                .group(TestLoops.GROUP)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new WebSocket13FrameEncoder(false));
                        accepted.computeIfAbsent(ch.remoteAddress().getPort(), p -> new CompletableFuture<>()).complete(ch);
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public Pair open() {
        return open(0);
    }

    /** A socket whose kernel buffers are about {@code bufferBytes} each way (0: the system's), so a stalled reader shows quickly. */
    public Pair open(int bufferBytes) {
        FrameLog log = new FrameLog();
        Bootstrap bootstrap = new Bootstrap()
                .group(TestLoops.GROUP)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new WebSocket13FrameDecoder(false, false, 1 << 24));
                        ch.pipeline().addLast(log);
                    }
                });
        if (bufferBytes > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, bufferBytes);
        }
        Channel client = bootstrap.connect(server.localAddress()).syncUninterruptibly().channel();
        int port = ((InetSocketAddress) client.localAddress()).getPort();
        Channel serverEnd = accepted.computeIfAbsent(port, p -> new CompletableFuture<>()).orTimeout(10, TimeUnit.SECONDS).join();
        accepted.remove(port);
        clients.add(client);
        if (bufferBytes > 0) {
            serverEnd.config().setOption(ChannelOption.SO_SNDBUF, bufferBytes);
        }
        return new Pair(serverEnd, client, log);
    }

    @Override
    public void close() {
        clients.forEach(Channel::close);
        server.close().syncUninterruptibly();
    }
}
