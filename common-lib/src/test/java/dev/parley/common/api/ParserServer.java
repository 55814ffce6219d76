package dev.parley.common.api;

import dev.parley.common.json.SlackJson;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.JsonNode;

/**
 * A real Tomcat whose one servlet answers {@code {"ok":true,"args":…}} with what {@link ApiRequestParser} read from
 * the request, or Slack's error when it refused it; anything else escaping the parser is an HTTP 500.
 */
final class ParserServer implements AutoCloseable {

    /** One answer: its HTTP status and its JSON body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return body.path("ok").asBoolean(false);
        }

        String error() {
            return body.path("error").asString("");
        }

        JsonNode args() {
            return body.path("args");
        }
    }

    private final Tomcat tomcat = new Tomcat();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    ParserServer() {
        try {
            Path base = Files.createTempDirectory("parley-parser-");
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(0);
            Context context = tomcat.addContext("", base.toString());
            Wrapper servlet = Tomcat.addServlet(context, "parse", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    Map<String, Object> body = new LinkedHashMap<>();
                    try {
                        Map<String, Object> args = ApiRequestParser.parse(request);
                        body.put("ok", true);
                        body.put("args", args);
                    } catch (SlackApiException e) {
                        body.put("ok", false);
                        body.put("error", e.error());
                    }
                    response.setContentType("application/json; charset=utf-8");
                    response.getOutputStream().write(SlackJson.writeBytes(body));
                }
            });
            // As the Web API's auto-configuration sets it for the dispatcher servlet.
            servlet.setMultipartConfigElement(new MultipartConfigElement("", ApiRequestParser.MAX_BODY_BYTES,
                    ApiRequestParser.MAX_BODY_BYTES, ApiRequestParser.MAX_BODY_BYTES));
            context.addServletMappingDecoded("/*", "parse");
            tomcat.getConnector();
            tomcat.start();
            port = tomcat.getConnector().getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs the body with the Content-Type (none when null) to {@code /api/echo?query}. */
    Answer post(String query, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/echo"
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            }
            return new Answer(response.statusCode(), SlackJson.tree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET with the query exactly as given, even when it is no valid URI, over a connection of its own. */
    Answer get(String query) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /api/echo?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (status != 200) {
                throw new AssertionError("HTTP " + status + ": " + body);
            }
            return new Answer(status, SlackJson.tree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
