package dev.parley.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.common.remote.ClientAddresses;
import dev.parley.common.remote.InternalSecret;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A forwarded call keeps the owning service's rate-limit answer, and the owning service learns the client's address. */
class ApiForwarderTest {

    private static final String RATELIMITED = "{\"ok\":false,\"error\":\"ratelimited\"}";

    private final ClientAddresses addresses = new ClientAddresses(new InternalSecret("shared by the deployment"));
    private final AtomicReference<String> vouched = new AtomicReference<>();
    private HttpServer owner;

    @BeforeEach
    void startOwningService() throws Exception {
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/api/", exchange -> {
            vouched.set(exchange.getRequestHeaders().getFirst(ClientAddresses.HEADER));
            exchange.getRequestBody().readAllBytes();
            byte[] body = RATELIMITED.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Retry-After", "7");
            exchange.sendResponseHeaders(429, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        owner.start();
    }

    @AfterEach
    void stop() {
        owner.stop(0);
    }

    private MockHttpServletResponse forward(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ApiForwarder(new MockEnvironment(), addresses).forward("http://127.0.0.1:" + owner.getAddress().getPort(),
                "auth.signin", request, response);
        return response;
    }

    private static MockHttpServletRequest signIn(String socketAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth.signin");
        request.setRemoteAddr(socketAddress);
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent("email=a%40b.test&password=x".getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void theStatusRetryAfterAndSlackBodyComeBackUnchanged() throws Exception {
        MockHttpServletResponse response = forward(signIn("198.51.100.4"));
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("7");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).isEqualTo(RATELIMITED);
    }

    @Test
    void theOwningServiceIsToldTheClientsAddressNotTheGateways() throws Exception {
        forward(signIn("198.51.100.4"));
        assertThat(addresses.vouched(vouched.get())).contains("198.51.100.4");

        MockHttpServletRequest behindTheEdge = signIn("127.0.0.1");
        behindTheEdge.addHeader(ClientAddresses.HEADER, addresses.vouch("203.0.113.9"));
        forward(behindTheEdge);
        assertThat(addresses.vouched(vouched.get())).contains("203.0.113.9");

        MockHttpServletRequest spoofing = signIn("198.51.100.4");
        spoofing.addHeader(ClientAddresses.HEADER, "203.0.113.9 made-up-proof");
        forward(spoofing);
        assertThat(addresses.vouched(vouched.get())).as("a client's own claim is not passed on").contains("198.51.100.4");
    }
}
