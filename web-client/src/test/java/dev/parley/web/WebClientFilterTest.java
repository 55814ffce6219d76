package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebClientFilterTest {

    private static final byte[] PAGE = "<!doctype html><title>Parley</title>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SCRIPT = "console.log(1)".getBytes(StandardCharsets.UTF_8);

    private final WebClientFilter filter = new WebClientFilter(new WebAssets(Map.of(
            "/index.html", new WebAssets.Asset("/index.html", "text/html;charset=utf-8", PAGE, new byte[] {1}, new byte[] {2}, "\"p\""),
            "/assets/index-abc.js", new WebAssets.Asset("/assets/index-abc.js", "text/javascript;charset=utf-8", SCRIPT,
                    new byte[] {3, 3}, null, "\"s\""))));

    private MockHttpServletResponse get(String method, String path, String acceptEncoding, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (acceptEncoding != null) {
            request.addHeader("Accept-Encoding", acceptEncoding);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    @Test
    void servesThePageAtTheRootAndTheAppsRoutesUncached() throws Exception {
        for (String path : new String[] {"/", "/client/T1/C2", "/invite/abc", "/signin", "/create"}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = get("GET", path, null, chain);
            assertThat(chain.getRequest()).as(path).isNull();
            assertThat(response.getContentAsByteArray()).isEqualTo(PAGE);
            assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache");
            assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        }
    }

    @Test
    void servesHashedAssetsImmutableAndPrecompressed() throws Exception {
        MockHttpServletResponse brotliFirst = get("GET", "/index.html", "gzip, deflate, br", new MockFilterChain());
        assertThat(brotliFirst.getHeader("Content-Encoding")).isEqualTo("br");
        assertThat(brotliFirst.getContentAsByteArray()).containsExactly(2);

        MockHttpServletResponse gzip = get("GET", "/assets/index-abc.js", "gzip, br", new MockFilterChain());
        assertThat(gzip.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.getContentAsByteArray()).containsExactly(3, 3);
        assertThat(gzip.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(gzip.getHeader("Vary")).isEqualTo("Accept-Encoding");

        MockHttpServletResponse refused = get("GET", "/assets/index-abc.js", "gzip;q=0", new MockFilterChain());
        assertThat(refused.getHeader("Content-Encoding")).isNull();
        assertThat(refused.getContentAsByteArray()).isEqualTo(SCRIPT);

        MockHttpServletRequest again = new MockHttpServletRequest("GET", "/assets/index-abc.js");
        again.addHeader("If-None-Match", "\"s\"");
        MockHttpServletResponse notModified = new MockHttpServletResponse();
        filter.doFilter(again, notModified, new MockFilterChain());
        assertThat(notModified.getStatus()).isEqualTo(304);
    }

    @Test
    void neverShadowsTheApiTheSocketOrOtherPaths() throws Exception {
        for (String path : new String[] {"/api/api.test", "/rtm", "/internal/api/methods", "/blobs/x", "/files-pri/T1-F1/a.png",
                "/avatars/U1.png", "/hooks/T/B/x", "/assets/unknown.js", "/index.html.gz", "/nothing", "/clientele"}) {
            MockFilterChain chain = new MockFilterChain();
            get("GET", path, "br", chain);
            assertThat(chain.getRequest()).as(path).isNotNull();
        }
        MockFilterChain post = new MockFilterChain();
        get("POST", "/", null, post);
        assertThat(post.getRequest()).isNotNull();
    }
}
