package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A client that checks the delivery guarantee itself: it records every channel event it gets with its sequence
 * number, notes any duplicate or any number that is not the next one, and after a disconnect resumes from the last
 * numbers it saw, as a real client would. It can also stop reading, to play a slow client.
 */
final class TrackedSocket {

    private final String token;
    private final Object lock = new Object();
    private final Map<String, Long> last = new HashMap<>();
    private final Map<String, List<JsonNode>> events = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private volatile WebSocket socket;
    private volatile CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile boolean paused;
    private volatile String url;
    private volatile boolean toldGoodbye;
    private volatile CompletableFuture<JsonNode> resumed = new CompletableFuture<>();
    private volatile CompletableFuture<JsonNode> hello = new CompletableFuture<>();

    TrackedSocket(String token) {
        this.token = token;
    }

    /** Connects; with {@code resume}, asks to replay every channel it has seen from its last sequence number. */
    void connect(String wsUrl, boolean resume) {
        url = wsUrl;
        toldGoodbye = false;
        closed = new CompletableFuture<>();
        resumed = new CompletableFuture<>();
        hello = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(wsUrl + (resume ? "?resume=1" : "")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean lastPart) {
                        partial.append(data);
                        if (lastPart) {
                            received(SlackClient.JSON.readTree(partial.toString()));
                            partial.setLength(0);
                        }
                        if (!paused) {
                            ws.request(1);
                        }
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(1006);
                    }
                }).join();
        await(() -> hello.getNow(null), Duration.ofSeconds(30), "hello");
        if (resume) {
            StringBuilder channels = new StringBuilder("{");
            synchronized (lock) {
                last.forEach((channel, seq) -> channels.append(channels.length() > 1 ? "," : "")
                        .append('"').append(channel).append("\":").append(seq));
            }
            socket.sendText("{\"id\":9000,\"type\":\"resume\",\"channels\":" + channels + "}}", true).join();
            JsonNode reply = await(() -> resumed.getNow(null), Duration.ofSeconds(60), "the resume reply");
            if (!reply.path("ok").asBoolean()) {
                throw new AssertionError("resume refused: " + reply);
            }
        }
    }

    private void received(JsonNode frame) {
        if ("goodbye".equals(frame.path("type").asString(""))) {
            toldGoodbye = true;
            return;
        }
        if ("hello".equals(frame.path("type").asString(""))) {
            hello.complete(frame);
            return;
        }
        if (frame.path("reply_to").asInt(-1) == 9000) {
            resumed.complete(frame);
            return;
        }
        long seq = frame.path("seq").asLong(0);
        String channel = frame.path("channel").isString() ? frame.path("channel").asString()
                : frame.path("item").path("channel").asString("");
        if (seq <= 0 || channel.isEmpty()) {
            return;
        }
        synchronized (lock) {
            Long previous = last.get(channel);
            if (previous != null && seq <= previous) {
                violations.add("duplicate " + channel + "#" + seq + " after " + previous);
                return;
            }
            if (previous != null && seq != previous + 1) {
                violations.add("gap " + channel + " " + previous + " -> " + seq);
            }
            last.put(channel, seq);
            events.computeIfAbsent(channel, c -> new ArrayList<>()).add(frame);
        }
    }

    /** Message texts received in the channel, in order. */
    List<String> texts(String channel) {
        synchronized (lock) {
            return events.getOrDefault(channel, List.of()).stream()
                    .filter(f -> "message".equals(f.path("type").asString("")) && !f.has("subtype"))
                    .map(f -> f.path("text").asString()).toList();
        }
    }

    List<JsonNode> events(String channel) {
        synchronized (lock) {
            return List.copyOf(events.getOrDefault(channel, List.of()));
        }
    }

    List<String> violations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    /** The socket URL it last connected to. */
    String url() {
        return url;
    }

    /** Whether the server said goodbye (shutting down) on the current connection. */
    boolean toldGoodbye() {
        return toldGoodbye;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("still open after " + timeout);
        }
    }

    /** Stops reading: what the server sends piles up in its queue for this socket. */
    void pause() {
        paused = true;
    }

    /** Reads again (the socket may have been closed meanwhile: the close arrives after what was sent before). */
    void unpause() {
        paused = false;
        socket.request(1);
    }

    void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Already gone.
        }
        socket.abort();
    }

    static <T> T await(Supplier<T> probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
    }
}
