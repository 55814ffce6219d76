package dev.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the web client at {@code /}: its files by their own paths and its page for the app's routes, and nothing
 * else, so {@code /api/*}, {@code /rtm}, {@code /internal/*}, {@code /hooks/*}, {@code /avatars/*}, files and blobs
 * are never shadowed. Hashed assets are cached for a year as immutable; the page is revalidated each time, so a new
 * build reaches browsers at once. Compression is the build's: brotli or gzip as the browser accepts.
 */
final class WebClientFilter extends OncePerRequestFilter {

    /** The app's own routes (client-side), answered with its page; everything else that is not a file passes on. */
    private static final List<String> ROUTE_PREFIXES = List.of("/client/", "/invite/", "/signin", "/create");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final WebAssets assets;

    WebClientFilter(WebAssets assets) {
        this.assets = assets;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI();
        WebAssets.Asset asset = "/".equals(path) || isRoute(path) ? assets.index() : assets.get(path);
        if (asset == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean hashed = asset.path().startsWith("/assets/");
        response.setHeader("Cache-Control", hashed ? IMMUTABLE : "no-cache");
        response.setHeader("ETag", asset.etag());
        response.setHeader("Vary", "Accept-Encoding");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (asset == assets.index()) {
            // The page runs only its own scripts; the API and socket are same-origin.
            response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                    + "style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; object-src 'none'; "
                    + "base-uri 'none'; frame-ancestors 'none'");
            response.setHeader("Referrer-Policy", "same-origin");
        }
        if (asset.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] body = asset.identity();
        String accepted = request.getHeader("Accept-Encoding");
        if (asset.brotli() != null && accepts(accepted, "br")) {
            body = asset.brotli();
            response.setHeader("Content-Encoding", "br");
        } else if (asset.gzip() != null && accepts(accepted, "gzip")) {
            body = asset.gzip();
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(asset.contentType());
        response.setContentLength(body.length);
        if ("GET".equals(method)) {
            response.getOutputStream().write(body);
        }
    }

    private static boolean isRoute(String path) {
        for (String prefix : ROUTE_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an Accept-Encoding header names the coding without refusing it ({@code ;q=0}). */
    static boolean accepts(String header, String coding) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String[] pieces = part.strip().split(";");
            if (pieces[0].strip().equalsIgnoreCase(coding)) {
                for (int i = 1; i < pieces.length; i++) {
                    String parameter = pieces[i].strip().replace(" ", "");
                    if (parameter.equals("q=0") || parameter.matches("q=0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
