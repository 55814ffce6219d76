package dev.parley.gateway.edge;

import dev.parley.common.remote.ClientAddresses;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Routes each HTTP request of a client connection: the socket endpoint's upgrade is served here, any other request is
 * streamed to the servlet container over a connection of its own (kept for the client's next request) and its answer
 * streamed back. One request at a time per connection: the client's next request is read only once the previous
 * answer is complete, which also keeps each side reading only as fast as the other writes. Each request reaches the
 * servlet container with the client's address vouched for ({@link ClientAddresses}), replacing any the client sent,
 * since the container sees only this edge as its peer.
 */
final class EdgeRouter extends ChannelInboundHandlerAdapter {

    private final SocketEndpoint sockets;
    private final int servletPort;
    private final ClientAddresses clientAddresses;
    private String vouchedAddress;
    private Channel client;
    private Channel backend;
    private boolean connecting;
    private final Queue<Object> pending = new ArrayDeque<>(2);
    private boolean inFlight;
    /** Whether the client is still sending the current request (its head came, its last content not yet). */
    private boolean receiving;
    /** Whether the servlet container has begun its answer to the current request. */
    private boolean answering;
    private boolean awaitingAnswer;
    private boolean closeAfterResponse;
    private HttpRequest upgradeHead;

    EdgeRouter(SocketEndpoint sockets, int servletPort, ClientAddresses clientAddresses) {
        this.sockets = sockets;
        this.servletPort = servletPort;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        client = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (upgradeHead != null) {
            // The rest of an upgrade request (a GET: no body to speak of).
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                HttpRequest head = upgradeHead;
                upgradeHead = null;
                DefaultFullHttpRequest full = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                        Unpooled.EMPTY_BUFFER, head.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
                closeBackend();
                sockets.upgrade(ctx, full);
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                Throwable cause = request.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                answer(ctx, cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                        : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : HttpResponseStatus.BAD_REQUEST, true);
                return;
            }
            if (sockets.accepts(request)) {
                upgradeHead = request;
                if (msg instanceof LastHttpContent) {
                    channelRead(ctx, LastHttpContent.EMPTY_LAST_CONTENT);
                }
                return;
            }
            inFlight = true;
            receiving = true;
            answering = false;
            closeAfterResponse = !HttpUtil.isKeepAlive(request);
            request.headers().set(ClientAddresses.HEADER, vouchedAddress());
        } else if (msg instanceof HttpContent content && !content.decoderResult().isSuccess()) {
            // The body broke off (a malformed chunk): what came must not reach the servlet container as the whole body.
            ReferenceCountUtil.release(msg);
            abortRequest(ctx);
            return;
        }
        if (msg instanceof LastHttpContent) {
            receiving = false;
            if (inFlight) {
                // Read nothing more until this request is answered.
                awaitingAnswer = true;
                client.config().setAutoRead(false);
            }
        }
        toBackend(msg);
        if (backend != null && !backend.isWritable()) {
            // An upload goes only as fast as the servlet container takes it, never piling up here.
            client.config().setAutoRead(false);
        }
    }

    /** The client's address as the header says it, made once per connection. */
    private String vouchedAddress() {
        if (vouchedAddress == null) {
            String address = client.remoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null
                    ? peer.getAddress().getHostAddress() : "unknown";
            vouchedAddress = clientAddresses.vouch(address);
        }
        return vouchedAddress;
    }

    private void toBackend(Object msg) {
        if (backend != null && backend.isActive()) {
            backend.writeAndFlush(msg);
            return;
        }
        pending.add(msg);
        if (connecting) {
            return;
        }
        connecting = true;
        new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(8192, 64 * 1024, 64 * 1024));
                        ch.pipeline().addLast(new Back());
                    }
                })
                .connect("127.0.0.1", servletPort)
                .addListener((ChannelFutureListener) f -> {
                    connecting = false;
                    if (f.isSuccess() && pending.isEmpty()) {
                        // The request was given up while connecting.
                        f.channel().close();
                        return;
                    }
                    if (!f.isSuccess()) {
                        pending.forEach(ReferenceCountUtil::release);
                        pending.clear();
                        answer(null, HttpResponseStatus.SERVICE_UNAVAILABLE, true);
                        return;
                    }
                    backend = f.channel();
                    Object next;
                    while ((next = pending.poll()) != null) {
                        backend.write(next);
                    }
                    backend.flush();
                });
    }

    /**
     * Gives up the request being received: the servlet container's connection is closed, so it sees the body end
     * early and does nothing with it, and the client gets a 400 unless an answer has already begun.
     */
    private void abortRequest(ChannelHandlerContext ctx) {
        boolean answered = answering;
        inFlight = false;
        receiving = false;
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        closeBackend();
        if (answered) {
            client.close();
        } else {
            answer(ctx, HttpResponseStatus.BAD_REQUEST, true);
        }
    }

    private void closeBackend() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpResponseStatus status, boolean close) {
        String error = switch (status.code()) {
            case 503 -> "service_unavailable";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> "invalid_request";
        };
        byte[] body = ("{\"ok\":false,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        client.writeAndFlush(response).addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.config().setAutoRead(client.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        closeBackend();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeBackend();
        ctx.close();
    }

    /** The servlet container's side: its answer goes back to the client as it comes. */
    private final class Back extends ChannelInboundHandlerAdapter {

        /** Whether the answer being relayed is an interim one (100 Continue): its end is not the request's answer. */
        private boolean interim;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse response) {
                interim = response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
                answering |= !interim;
                if (!HttpUtil.isKeepAlive(response)) {
                    closeAfterResponse = true;
                }
            }
            // The codec hands an interim answer on as a head and an empty last content, so the head decides.
            boolean last = msg instanceof LastHttpContent && !interim;
            client.writeAndFlush(msg);
            if (!client.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
            if (last && inFlight) {
                inFlight = false;
                awaitingAnswer = false;
                if (closeAfterResponse) {
                    client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                } else {
                    client.config().setAutoRead(true);
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !awaitingAnswer) {
                client.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (backend == ctx.channel()) {
                backend = null;
            }
            if (inFlight) {
                // The servlet container went away mid-answer: the client cannot be told more.
                client.close();
            } else if (receiving) {
                // It answered and closed before taking the whole body (one over its limit): the rest has nowhere to
                // go, and sent to a new connection it would be read as a request of its own.
                receiving = false;
                client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
