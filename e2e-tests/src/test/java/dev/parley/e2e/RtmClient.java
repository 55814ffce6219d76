package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A WebSocket client of {@code /rtm} that collects every frame it receives. */
final class RtmClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;
    private final java.util.concurrent.CompletableFuture<Integer> closed;
    private final java.util.List<JsonNode> unmatched = new java.util.ArrayList<>();

    private RtmClient(WebSocket socket, BlockingQueue<JsonNode> frames, java.util.concurrent.CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
    }

    /** Connects with the token in the Authorization header; throws when the server refuses the upgrade. */
    static RtmClient connect(String wsUrl, String token) {
        StringBuilder partial = new StringBuilder();
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket socket = builder.buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode frame = SlackClient.JSON.readTree(partial.toString());
                    partial.setLength(0);
                    frames.add(frame);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(1006);
            }
        }).join();
        return new RtmClient(socket, frames, closed);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The close code the server sent, waiting up to the timeout; fails when the socket stays open. */
    int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("The socket stayed open for " + timeout);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** The reply to the frame with this id. */
    JsonNode awaitReply(int id) {
        return await(f -> f.path("reply_to").asInt(-1) == id, Duration.ofSeconds(20));
    }

    /**
     * The earliest frame not yet returned that matches; frames that do not match stay for later calls, so the order in
     * which two events arrive does not matter to a test that awaits both. Fails after the timeout.
     */
    synchronized JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        for (java.util.Iterator<JsonNode> it = unmatched.iterator(); it.hasNext(); ) {
            JsonNode frame = it.next();
            if (match.test(frame)) {
                it.remove();
                return frame;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode frame;
            try {
                frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (frame == null) {
                throw new AssertionError("No matching frame within " + timeout + "; unmatched: " + unmatched);
            }
            if (match.test(frame)) {
                return frame;
            }
            unmatched.add(frame);
        }
    }

    JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asString("")), Duration.ofSeconds(20));
    }

    /** Frames received so far and not yet returned by {@link #await}. */
    synchronized java.util.List<JsonNode> pending() {
        java.util.List<JsonNode> all = new java.util.ArrayList<>(unmatched);
        all.addAll(frames);
        return all;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        } catch (RuntimeException ignored) {
            // Already closed by the server.
        }
        socket.abort();
    }
}
