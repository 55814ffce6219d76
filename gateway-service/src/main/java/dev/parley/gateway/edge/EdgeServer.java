package dev.parley.gateway.edge;

import dev.parley.common.remote.ClientAddresses;
import dev.parley.gateway.GatewayProperties;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The gateway's public port, on Netty: WebSocket upgrades to {@code /rtm} are served here, everything else goes
 * through to the servlet container behind it. Stopping drains the sockets before the port closes for good.
 */
@Component
public class EdgeServer implements SmartLifecycle, ApplicationListener<ServletWebServerInitializedEvent> {

    /** The name of the idle timer of plain HTTP connections, which a socket endpoint removes after the upgrade. */
    public static final String HANDSHAKE_TIMEOUT = "handshake-timeout";
    private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);

    private final SocketEndpoint sockets;
    private final ServletBehindEdge servlet;
    private final GatewayProperties properties;
    private final ClientAddresses clientAddresses;
    private volatile int servletPort;
    private volatile int port;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;

    EdgeServer(SocketEndpoint sockets, ServletBehindEdge servlet, GatewayProperties properties,
               ClientAddresses clientAddresses) {
        this.sockets = sockets;
        this.servlet = servlet;
        this.properties = properties;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        servletPort = event.getWebServer().getPort();
    }

    /** The port the edge listens on (the configured one, or the one the OS chose for port 0). */
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (servletPort <= 0) {
            throw new IllegalStateException("The servlet container has not started, so the edge has nothing to serve");
        }
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(properties.workerThreads(), NioIoHandler.newFactory());
        int backend = servletPort;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // An HTTP connection quiet for a minute is dropped; a socket's liveness is the sweeper's.
                        ch.pipeline().addLast(HANDSHAKE_TIMEOUT, new IdleStateHandler(0, 0, 60, TimeUnit.SECONDS) {
                            @Override
                            protected void channelIdle(io.netty.channel.ChannelHandlerContext ctx, IdleStateEvent e) {
                                ctx.close();
                            }
                        });
                        ch.pipeline().addLast("http", new HttpServerCodec(8192, 16 * 1024, 64 * 1024));
                        ch.pipeline().addLast("router", new EdgeRouter(sockets, backend, clientAddresses));
                    }
                });
        try {
            server = bootstrap.bind(servlet.publicEndpoint()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding port " + servlet.publicPort(), e);
        } catch (RuntimeException e) {
            stopLoops();
            throw new IllegalStateException("Cannot listen on port " + servlet.publicPort() + ": " + e.getMessage(), e);
        }
        port = ((InetSocketAddress) server.localAddress()).getPort();
        log.info("Parley gateway listening on port {} (Web API served behind it on 127.0.0.1:{})", port, backend);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.close().syncUninterruptibly();
        server = null;
        sockets.drain(properties.shutdownGrace());
        stopLoops();
    }

    private void stopLoops() {
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers = null;
            boss = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
