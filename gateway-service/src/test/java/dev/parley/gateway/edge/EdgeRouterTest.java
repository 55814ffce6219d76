package dev.parley.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.common.remote.ClientAddresses;
import dev.parley.common.remote.InternalSecret;
import dev.parley.gateway.testing.TestSettings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edge in front of a real HTTP server standing for the servlet container, spoken to over raw sockets so the test
 * decides which requests share a connection.
 */
class EdgeRouterTest {

    private final HttpServer backend = backend();
    private final Set<Integer> backendConnections = ConcurrentHashMap.newKeySet();
    /** Paths whose whole request body the servlet container's stand-in read. */
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final Endpoint sockets = new Endpoint();
    private final CountDownLatch held = new CountDownLatch(1);
    private final List<String> clientAddressHeaders = new CopyOnWriteArrayList<>();
    private TestEdge edge;

    @AfterEach
    void stop() {
        held.countDown();
        if (edge != null) {
            edge.close();
        }
        backend.stop(0);
    }

    @Test
    void requestsOnOneKeepAliveConnectionAreAnsweredInOrderOverOneBackendConnection() throws IOException {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        try (Client client = new Client(edge.port())) {
            for (int i = 0; i < 6; i++) {
                String path = i % 2 == 0 ? "/slow/" + i : "/fast/" + i;
                client.write(request("GET", path, Map.of(), new byte[0]));
                Response response = client.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo("GET " + path + " 0");
            }
        }
        assertThat(backendConnections).hasSize(1);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderSent() throws IOException {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        try (Client client = new Client(edge.port())) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (String path : List.of("/slow/a", "/fast/b", "/slow/c", "/fast/d")) {
                all.writeBytes(request("GET", path, Map.of(), new byte[0]));
            }
            client.write(all.toByteArray());

            for (String path : List.of("/slow/a", "/fast/b", "/slow/c", "/fast/d")) {
                assertThat(client.read().text()).isEqualTo("GET " + path + " 0");
            }
        }
    }

    @Test
    void aBodyOfSeveralMegabytesStreamsThroughIntactBothWays() throws Exception {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        byte[] body = new byte[6 * 1024 * 1024 + 7];
        new Random(42).nextBytes(body);
        try (Client client = new Client(edge.port())) {
            client.write(request("POST", "/echo", Map.of("Content-Type", "application/octet-stream"), body));
            Response echoed = client.read();
            assertThat(echoed.status()).isEqualTo(200);
            assertThat(echoed.body().length).isEqualTo(body.length);
            assertThat(sha256(echoed.body())).isEqualTo(sha256(body));

            client.write(request("GET", "/fast/after-upload", Map.of(), new byte[0]));
            assertThat(client.read().text()).isEqualTo("GET /fast/after-upload 0");
        }
    }

    @Test
    void aChunkedUploadStreamsThroughIntact() throws Exception {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        byte[] body = new byte[3 * 1024 * 1024 + 11];
        new Random(7).nextBytes(body);
        try (Client client = new Client(edge.port())) {
            client.write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < body.length; offset += 100_000) {
                int size = Math.min(100_000, body.length - offset);
                client.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                client.write(java.util.Arrays.copyOfRange(body, offset, offset + size));
                client.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            client.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            Response echoed = client.read();
            assertThat(sha256(echoed.body())).isEqualTo(sha256(body));
        }
    }

    @Test
    void aRequestExpecting100ContinueIsAnsweredAndTheConnectionServesTheNextRequest() throws IOException {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        byte[] body = "text=hello".getBytes(StandardCharsets.UTF_8);
        try (Client client = new Client(edge.port())) {
            client.write(("POST /fast/form HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readHead().status()).isEqualTo(100);
            client.write(body);
            assertThat(client.read().text()).isEqualTo("POST /fast/form " + body.length);

            client.write(request("GET", "/fast/next", Map.of(), new byte[0]));
            assertThat(client.read().text()).isEqualTo("GET /fast/next 0");
        }
    }

    @Test
    void anUploadIsReadOnlyAsFastAsTheServletContainerTakesIt() throws Exception {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        byte[] body = new byte[96 * 1024 * 1024];
        new Random(3).nextBytes(body);
        try (Client client = new Client(edge.port())) {
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                try {
                    client.write(request("POST", "/held", Map.of(), body));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                upload.get(3, TimeUnit.SECONDS);
                throw new AssertionError("the whole upload was taken in while the servlet container read nothing");
            } catch (TimeoutException expected) {
                // The edge stopped reading: the client's writes wait.
            } finally {
                held.countDown();
            }
            upload.get(30, TimeUnit.SECONDS);
            assertThat(client.read().text()).isEqualTo("POST /held " + body.length + " " + sha256(body));
        }
    }

    @Test
    void anUpgradeAfterAPlainRequestOnTheSameConnectionReachesTheSocketEndpoint() throws IOException {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        try (Client client = new Client(edge.port())) {
            client.write(request("GET", "/api/api.test", Map.of(), new byte[0]));
            assertThat(client.read().text()).isEqualTo("GET /api/api.test 0");

            client.write(request("GET", "/rtm?x=1", Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                    "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"), new byte[0]));
            Response upgraded = client.readHead();
            assertThat(upgraded.status()).isEqualTo(101);
            assertThat(sockets.upgrades).containsExactly("/rtm?x=1");

            client.write(maskedText("echo me"));
            assertThat(client.readUnmaskedText()).isEqualTo("echo me");
        }
    }

    @Test
    void aBodyCutByAMalformedChunkIsA400AndNeverReachesTheServletContainerAsComplete() throws IOException {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        try (Client client = new Client(edge.port())) {
            client.write(("POST /fast/cut HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\na=b\r\nzz\r\nmore\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Response response = client.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("{\"ok\":false,\"error\":\"invalid_request\"}");
            assertThat(client.atEnd()).isTrue();
        }
        // Fence: a later request is served, and the cut one never was.
        try (Client client = new Client(edge.port())) {
            client.write(request("GET", "/fast/after", Map.of(), new byte[0]));
            assertThat(client.read().text()).isEqualTo("GET /fast/after 0");
        }
        assertThat(completed).contains("/fast/after").doesNotContain("/fast/cut");
    }

    @Test
    void anOverlongRequestLineIs414AndOverlongHeadersAre431() throws IOException {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        try (Client client = new Client(edge.port())) {
            client.write(request("GET", "/fast/" + "a".repeat(9000), Map.of(), new byte[0]));
            Response response = client.read();
            assertThat(response.status()).isEqualTo(414);
            assertThat(response.text()).isEqualTo("{\"ok\":false,\"error\":\"uri_too_long\"}");
        }
        try (Client client = new Client(edge.port())) {
            client.write(request("GET", "/fast/x", Map.of("X-Big", "b".repeat(20_000)), new byte[0]));
            Response response = client.read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(response.text()).isEqualTo("{\"ok\":false,\"error\":\"headers_too_large\"}");
        }
    }

    @Test
    void aBackendThatIsDownIsA503WithASlackErrorAndTheConnectionEnds() throws IOException {
        edge = TestEdge.start(sockets, TestEdge.closedPort(), TestSettings.defaults().build());
        try (Client client = new Client(edge.port())) {
            client.write(request("POST", "/api/chat.postMessage", Map.of(), "text=hi".getBytes(StandardCharsets.UTF_8)));

            Response response = client.read();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers().get("content-type")).startsWith("application/json");
            assertThat(response.text()).isEqualTo("{\"ok\":false,\"error\":\"service_unavailable\"}");
            assertThat(client.atEnd()).isTrue();
        }
    }

    @Test
    void aRequestAskingToCloseIsAnsweredAndTheConnectionEnds() throws IOException {
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build());
        try (Client client = new Client(edge.port())) {
            client.write(request("GET", "/fast/bye", Map.of("Connection", "close"), new byte[0]));

            assertThat(client.read().text()).isEqualTo("GET /fast/bye 0");
            assertThat(client.atEnd()).isTrue();
        }
    }

    @Test
    void theServletContainerLearnsTheClientsAddressAndNotOneTheClientMadeUp() throws IOException {
        ClientAddresses addresses = new ClientAddresses(new InternalSecret("edge test secret"));
        edge = TestEdge.start(sockets, backend.getAddress().getPort(), TestSettings.defaults().build(), addresses);
        try (Client client = new Client(edge.port(), InetAddress.getByName("127.0.0.2"))) {
            client.write(request("GET", "/fast/plain", Map.of(), new byte[0]));
            client.read();
            client.write(request("POST", "/fast/spoofed", Map.of(ClientAddresses.HEADER, "203.0.113.9"), new byte[0]));
            client.read();
            String copied = addresses.vouch("203.0.113.9");
            client.write(request("POST", "/fast/replayed", Map.of(ClientAddresses.HEADER, copied), new byte[0]));
            client.read();
        }
        assertThat(clientAddressHeaders).hasSize(3);
        assertThat(clientAddressHeaders).allSatisfy(header ->
                assertThat(addresses.vouched(header)).as(header).contains("127.0.0.2"));
    }

    // ---- the servlet container's stand-in ----

    private HttpServer backend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::serve);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        backendConnections.add(exchange.getRemoteAddress().getPort());
        // One header, whatever the client sent: a second value would let a client's claim through.
        List<String> vouched = exchange.getRequestHeaders().get(ClientAddresses.HEADER);
        if (vouched != null) {
            clientAddressHeaders.add(vouched.size() == 1 ? vouched.getFirst() : "several: " + vouched);
        }
        String path = exchange.getRequestURI().toString();
        if (path.equals("/held")) {
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String summary;
            try {
                summary = "POST /held " + body.length + " " + sha256(body);
            } catch (Exception e) {
                throw new IOException(e);
            }
            byte[] answer = summary.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        completed.add(path);
        if (path.startsWith("/slow/")) {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = path.equals("/echo") ? body
                : (exchange.getRequestMethod() + " " + path + " " + body.length).getBytes(StandardCharsets.UTF_8);
        // The echo goes back chunked, the rest with a length: both framings cross the edge.
        exchange.sendResponseHeaders(200, path.equals("/echo") ? 0 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** Takes over the connection as the real endpoint does, completing the WebSocket handshake and echoing text. */
    private static final class Endpoint implements SocketEndpoint {
        final List<String> upgrades = new CopyOnWriteArrayList<>();

        @Override
        public boolean accepts(HttpRequest request) {
            return request.uri().startsWith("/rtm");
        }

        @Override
        public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
            upgrades.add(request.uri());
            ctx.pipeline().replace(ctx.handler(), "echo", new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                @Override
                protected void channelRead0(ChannelHandlerContext c, TextWebSocketFrame frame) {
                    c.writeAndFlush(new TextWebSocketFrame(frame.text()));
                }
            });
            try {
                new WebSocketServerHandshakerFactory("ws://localhost/rtm", null, false).newHandshaker(request)
                        .handshake(ctx.channel(), request);
            } finally {
                request.release();
            }
        }

        @Override
        public void drain(Duration grace) {
        }
    }

    // ---- a raw HTTP/1.1 client ----

    private record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || method.equals("POST")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Client(int port) throws IOException {
            this(port, InetAddress.getByName("127.0.0.1"));
        }

        /** A client on the given local address, e.g. 127.0.0.2 (all of 127/8 is this machine). */
        Client(int port, InetAddress local) throws IOException {
            socket = new Socket(InetAddress.getByName("127.0.0.1"), port, local, 0);
            socket.setSoTimeout(10_000);
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        Response readHead() throws IOException {
            String status = line();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(status.split(" ")[1]), headers, new byte[0]);
        }

        Response read() throws IOException {
            Response head = readHead();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(head.headers().get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.writeBytes(in.readNBytes(size));
                    line();
                }
                line();
            } else {
                body.writeBytes(in.readNBytes(Integer.parseInt(head.headers().getOrDefault("content-length", "0"))));
            }
            return new Response(head.status(), head.headers(), body.toByteArray());
        }

        /** Whether the server closed the connection (rather than leaving it open and silent). */
        boolean atEnd() throws IOException {
            return in.read() == -1;
        }

        String readUnmaskedText() throws IOException {
            int first = in.read();
            int length = in.read() & 0x7f;
            assertThat(first).isEqualTo(0x81);
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new IOException("connection ended mid-line");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
