package dev.parley.benchmark;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many {@code /rtm} client sockets on a few Netty event loops (no thread per socket), spread over several
 * 127.0.0.x source addresses so that no address pair runs out of ephemeral ports.
 */
public final class SocketFleet implements AutoCloseable {

    /** What a socket does with the text frames it receives; called on the socket's event loop. */
    @FunctionalInterface
    public interface Listener {
        void onText(BenchSocket socket, String text);
    }

    private final EventLoopGroup loops;
    private final List<String> sourceAddresses;
    private final Semaphore handshakes;
    private final AtomicInteger next = new AtomicInteger();
    private final Queue<BenchSocket> open = new ConcurrentLinkedQueue<>();

    public SocketFleet(int threads, List<String> sourceAddresses, int concurrentHandshakes) {
        this.loops = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.sourceAddresses = List.copyOf(sourceAddresses);
        this.handshakes = new Semaphore(concurrentHandshakes);
    }

    /** Enough source addresses that none carries more than about 20,000 of {@code sockets}; at least 4. */
    public static int defaultSources(int sockets) {
        return Math.max(4, (sockets + 19_999) / 20_000 + 1);
    }

    /**
     * 127.0.0.2 … 127.0.0.(1+count): loopback addresses that need no configuration on Linux. A socket bound to a source
     * address before it connects takes a port of that address whatever its destination, so each address holds at most
     * the ~28,000 ports of the ephemeral range, across all processes.
     */
    public static List<String> loopbackSources(int count) {
        return java.util.stream.IntStream.rangeClosed(2, 1 + count).mapToObj(i -> "127.0.0." + i).toList();
    }

    /**
     * Opens a socket to {@code uri} (a gateway's {@code /rtm}); the future completes on {@code hello}, when everything
     * committed from then on reaches it.
     */
    public CompletableFuture<BenchSocket> connect(URI uri, String token, Listener listener) {
        handshakes.acquireUninterruptibly();
        CompletableFuture<BenchSocket> hello = new CompletableFuture<>();
        hello.whenComplete((s, e) -> handshakes.release());
        int id = next.getAndIncrement();
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.add("Authorization", "Bearer " + token);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).customHeaders(headers).maxFramePayloadLength(1 << 20)
                .handshakeTimeoutMillis(60_000).build();
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        BenchSocket socket = new BenchSocket(id, ch);
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(config), new Frames(socket, listener, hello));
                    }
                });
        String source = sourceAddresses.get(id % sourceAddresses.size());
        bootstrap.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), new InetSocketAddress(source, 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        hello.completeExceptionally(f.cause());
                    }
                });
        hello.thenAccept(open::add);
        return hello;
    }

    public int openCount() {
        return (int) open.stream().filter(BenchSocket::isOpen).count();
    }

    @Override
    public void close() {
        for (BenchSocket socket : open) {
            socket.channel().close();
        }
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Hands text frames to the listener once {@code hello} came; completes the connect future with it. */
    private static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final BenchSocket socket;
        private final Listener listener;
        private final CompletableFuture<BenchSocket> hello;

        Frames(BenchSocket socket, Listener listener, CompletableFuture<BenchSocket> hello) {
            this.socket = socket;
            this.listener = listener;
            this.hello = hello;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame text)) {
                return;
            }
            String body = text.text();
            if (!hello.isDone() && body.contains("\"type\":\"hello\"")) {
                hello.complete(socket);
                return;
            }
            listener.onText(socket, body);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            hello.completeExceptionally(new IllegalStateException("socket " + socket.id() + " closed before hello"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            hello.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** One client socket: its number in the fleet and its Netty channel. */
    public record BenchSocket(int id, Channel channel) {
        public void send(String json) {
            channel.writeAndFlush(new TextWebSocketFrame(json));
        }

        public boolean isOpen() {
            return channel.isActive();
        }
    }
}
