package dev.parley.e2e;

import java.net.URI;
import java.util.Map;

/** The shared raw HTTP client ({@link dev.parley.common.testing.RawHttp}) pointed at a base URL, answers as status and body. */
final class RawHttp {

    /** What came back: the status, and the body (de-chunked). */
    record Answer(int status, String body) {
    }

    private final dev.parley.common.testing.RawHttp http;

    RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.http = new dev.parley.common.testing.RawHttp(uri.getHost(), uri.getPort());
    }

    /** A request with the given target, headers and body (sent with its Content-Length when not null). */
    Answer send(String httpMethod, String target, Map<String, String> headers, byte[] body) {
        return answer(http.send(httpMethod, target, headers, body));
    }

    /** Bytes as they are; the answer is read while they are written, as a server may answer before taking all. */
    byte[] exchange(byte[] request) {
        return http.exchange(request);
    }

    static Answer parse(byte[] response) {
        return answer(dev.parley.common.testing.RawHttp.parse(response));
    }

    private static Answer answer(dev.parley.common.testing.RawHttp.Response response) {
        return new Answer(response.status(), response.body());
    }
}
