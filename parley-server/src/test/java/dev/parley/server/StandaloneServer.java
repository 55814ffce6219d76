package dev.parley.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.common.api.ApiMethodRegistry;
import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.testing.RawHttp;
import dev.parley.gateway.edge.EdgeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The standalone server started in this JVM as {@code main} starts it (edge, servlet container, every service, an H2
 * database of its own), with what a test needs to look at: its public port, the log events it wrote, and its data.
 */
final class StandaloneServer implements AutoCloseable {

    /** One HTTP answer, as the client saw it. */
    record Answer(int status, String contentType, String body) {
    }

    private final ConfigurableApplicationContext context;
    private final int port;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts it with the given extra arguments ({@code --property=value}). */
    StandaloneServer(String... args) {
        Path data;
        try {
            data = Files.createTempDirectory("parley-standalone-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // As ./parley run does: a fresh key that encrypts the token signing keys at rest.
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        List<String> all = new ArrayList<>(List.of("--parley.data-dir=" + data,
                "--parley.auth.key-encryption-key=" + java.util.Base64.getEncoder().encodeToString(key)));
        // A port of the caller's choosing, for URLs that name it (parley.public-url); else any free one.
        if (java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--server.port="))) {
            all.add("--server.port=0");
        }
        all.addAll(List.of(args));
        context = ParleyApplication.run(ParleyServer.class, "all", 0, all.toArray(String[]::new));
        port = context.getBean(EdgeServer.class).port();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    String apiUrl() {
        return "http://127.0.0.1:" + port + "/api/";
    }

    int port() {
        return port;
    }

    /** A bean of the running server, for a test that needs to reach behind the public port (a store, say). */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    SortedSet<String> methods() {
        return context.getBean(ApiMethodRegistry.class).names();
    }

    /** Log events that are errors or carry a stack trace, since the last call. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(log.list)) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null) {
                problems.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName()
                        + ": " + event.getThrowableProxy().getMessage()));
            }
        }
        log.list.clear();
        return problems;
    }

    /**
     * Every row of every table, per table, in a stable order, less what changes on its own: equal snapshots mean no
     * request changed anything.
     */
    Map<String, List<String>> snapshot() {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        awaitBackgroundWork(jdbc);
        Map<String, List<String>> tables = new TreeMap<>();
        for (Map<String, Object> table : jdbc.queryForList("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
            String name = "\"" + table.get("TABLE_SCHEMA") + "\".\"" + table.get("TABLE_NAME") + "\"";
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + name)) {
                // The outbox relay marks events published in the background, whenever it gets to them.
                row.keySet().removeIf(column -> column.equalsIgnoreCase("published"));
                rows.add(row.toString());
            }
            rows.sort(null);
            tables.put(name, rows);
        }
        return tables;
    }

    /**
     * Waits until the work that earlier requests started in the background is done, so it cannot change a snapshot:
     * every committed event relayed, and the search index's checkpoint at every channel's newest event.
     */
    private static void awaitBackgroundWork(JdbcTemplate jdbc) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Integer unpublished = jdbc.queryForObject("SELECT COUNT(*) FROM channel_event WHERE published = FALSE",
                    Integer.class);
            Integer unindexed = jdbc.queryForObject("SELECT COUNT(*) FROM channel_sequence s LEFT JOIN search_checkpoint c"
                    + " ON c.workspace_id = s.workspace_id AND c.channel_id = s.channel_id"
                    + " WHERE s.seq > COALESCE(c.seq, 0)", Integer.class);
            if (unpublished == 0 && unindexed == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the background work did not settle within 30 s: " + unpublished
                        + " events not relayed, " + unindexed + " channels not indexed to their newest event");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the background work", e);
            }
        }
    }

    Answer send(String method, String httpMethod, String query, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl() + method + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .method(httpMethod, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Bytes written to the public port as they are, on a connection of their own; what came back until the server
     * closed it (so a request that is answered should say {@code Connection: close}).
     */
    String raw(byte[] request) {
        return new String(new RawHttp("127.0.0.1", port).exchange(request), StandardCharsets.UTF_8);
    }

    /**
     * One request written as given (the target need not be a valid URI, as a client's need not), with a
     * Content-Length for the body, answered on a connection of its own.
     */
    Answer exchange(String httpMethod, String target, Map<String, String> headers, byte[] body) {
        RawHttp.Response response = new RawHttp("127.0.0.1", port).send(httpMethod, target, headers, body);
        return new Answer(response.status(), response.contentType(), response.body());
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        context.close();
    }
}
