package dev.parley.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken byte by byte, for requests no well-behaved client library would send: targets that are no valid
 * URI, bodies that do not match their Content-Type, broken chunked encoding. One connection per request.
 */
public final class RawHttp {

    /** What came back: the status, the Content-Type (empty when none) and the body (de-chunked). */
    public record Response(int status, String contentType, String body) {
    }

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A request with the given target, headers and body (sent with its Content-Length when not null). */
    public Response send(String httpMethod, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(httpMethod + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Connection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        return parse(exchange(request.toByteArray()));
    }

    /**
     * Bytes written as they are on a connection of their own; what came back until the server closed it. The answer
     * is read while the request is written, as a server may answer and close before taking a whole body.
     */
    public byte[] exchange(byte[] request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(request);
                } catch (IOException e) {
                    // Closed by the server before all was written: its answer is what counts.
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (SocketException e) {
                // Reset after the answer, the rest of the request unread.
            }
            writer.join();
            return answer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Response parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP answer: " + text);
        }
        String contentType = "";
        boolean chunked = false;
        for (String line : text.substring(0, end).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).strip();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] rest = Arrays.copyOfRange(response, end + 4, response.length);
        return new Response(Integer.parseInt(text.substring(9, 12)), contentType,
                new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = i;
            while (body[lineEnd] != '\r') {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
