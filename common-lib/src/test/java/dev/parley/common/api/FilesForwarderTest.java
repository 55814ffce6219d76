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

/**
 * A gateway relays the files service's URLs to it: the method, path, query, token and body (with its length, which
 * signed upload URLs check) go there, and its status, safety headers and bytes come back; without the files service's
 * address the URLs are a plain 404.
 */
class FilesForwarderTest {

    private final ClientAddresses addresses = new ClientAddresses(new InternalSecret("shared by the deployment"));
    private final AtomicReference<String> seen = new AtomicReference<>();
    private HttpServer files;

    @BeforeEach
    void startFilesService() throws Exception {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Length") + " "
                    + new String(in, StandardCharsets.UTF_8));
            byte[] body = "the bytes".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox");
            exchange.getResponseHeaders().set("Content-Disposition", "inline; filename=\"a.png\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        files.start();
    }

    @AfterEach
    void stop() {
        files.stop(0);
    }

    private MockHttpServletResponse forward(MockEnvironment env, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new FilesForwarder(new ApiForwarder(env, addresses), addresses).forward(request, response);
        return response;
    }

    private MockEnvironment remoteFiles() {
        return new MockEnvironment().withProperty("parley.target", "gateway")
                .withProperty("parley.services.files.url", "http://127.0.0.1:" + files.getAddress().getPort());
    }

    @Test
    void aDownloadComesBackWithItsHeadersAndBytes() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files-pri/T1-F1/a.png");
        request.addHeader("Authorization", "Bearer xyz");
        MockHttpServletResponse response = forward(remoteFiles(), request);
        assertThat(seen.get()).startsWith("GET /files-pri/T1-F1/a.png Bearer xyz");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("the bytes");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("sandbox");
        assertThat(response.getHeader("Content-Disposition")).startsWith("inline");
    }

    @Test
    void anUploadKeepsItsQueryAndLength() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/blobs/upload");
        request.setQueryString("key=T1%2FF1%2Foriginal&length=5&signature=s");
        request.setContent("hello".getBytes(StandardCharsets.UTF_8));
        forward(remoteFiles(), request);
        assertThat(seen.get()).isEqualTo("POST /blobs/upload?key=T1%2FF1%2Foriginal&length=5&signature=s null 5 hello");
    }

    @Test
    void withoutTheFilesServicesAddressTheUrlsAreNotFound() throws Exception {
        MockHttpServletResponse response = forward(new MockEnvironment().withProperty("parley.target", "gateway"),
                new MockHttpServletRequest("GET", "/files-pri/T1-F1/a.png"));
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(seen.get()).isNull();
    }
}
