package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator's kept-alive HTTP connection against a server that answers from a script, byte by byte. */
class KeepAliveHttpTest {

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    KeepAliveHttpTest() throws IOException {
        server = new ServerSocket(0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Serves each accepted connection: for every request, the next answer of the script. */
    private void serve(List<String> answers) {
        AtomicInteger next = new AtomicInteger();
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> exchange(socket, answers, next));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void exchange(Socket socket, List<String> answers, AtomicInteger next) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            while (true) {
                StringBuilder head = new StringBuilder();
                int length = 0;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    head.append(line).append('\n');
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                if (head.isEmpty()) {
                    return;
                }
                char[] body = new char[length];
                in.read(body, 0, length);
                requests.add(head + new String(body));
                String answer = answers.get(next.getAndIncrement());
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (answer.contains("Connection: close")) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away.
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Test
    void callsShareOneConnectionAndReadSizedAndChunkedAnswers() throws IOException {
        serve(List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\"ok\":\r\n6;x=y\r\nfalse}\r\n0\r\n\r\n",
                "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 2\r\n\r\nno"));
        try (KeepAliveHttp http = new KeepAliveHttp(base())) {
            ParleyApi api = new ParleyApi(null, base(), "xoxb-1");

            assertThat(api.call(http, "chat.postMessage", "channel", "C1", "text", "a & b")).isEqualTo("{\"ok\":true}");
            assertThat(api.call(http, "chat.postMessage", "channel", "C1", "text", "again")).isEqualTo("{\"ok\":false}");
            assertThat(http.postForm("/api/x", null, "").status()).isEqualTo(429);
        }
        assertThat(connections.get()).isEqualTo(1);
        assertThat(requests.getFirst()).startsWith("POST /api/chat.postMessage HTTP/1.1\n")
                .contains("Authorization: Bearer xoxb-1\n", "Content-Type: application/x-www-form-urlencoded\n")
                .endsWith("channel=C1&text=a+%26+b");
        assertThat(requests.get(2)).doesNotContain("Authorization");
    }

    @Test
    void anAnswerThatClosesTheConnectionIsReadAndTheNextCallOpensANewOne() throws IOException {
        serve(List.of(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\none",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo"));
        try (KeepAliveHttp http = new KeepAliveHttp(base())) {
            assertThat(http.postForm("/a", null, "").body()).isEqualTo("one");
            assertThat(http.postForm("/b", null, "").body()).isEqualTo("two");
        }
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void anAnswerCutShortFailsTheCallWithoutSendingItAgain() {
        serve(List.of("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 30\r\n\r\ntoo short"));
        try (KeepAliveHttp http = new KeepAliveHttp(base())) {
            assertThatThrownBy(() -> http.postForm("/a", null, "x=1")).isInstanceOf(IOException.class);
        }
        assertThat(requests).hasSize(1);
    }
}
