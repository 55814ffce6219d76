package dev.parley.common.api;

/**
 * Slack's answer for a request the dispatcher never saw (the servlet container or Spring refused it first): a Web API
 * path gets {@code unknown_method} with HTTP 200 like any unknown method, every other refusal keeps its HTTP status
 * and says why in Slack's envelope.
 */
final class HttpErrors {

    private HttpErrors() {
    }

    /** The HTTP status to answer with for the container's status on the given path. */
    static int status(int status, String path) {
        if (status == 404 && isApi(path)) {
            return 200;
        }
        // Tomcat answers a method it does not implement (CONNECT) with 501; to the client it is a method not allowed.
        return status == 501 ? 405 : status;
    }

    static String code(int status, String path) {
        return switch (status) {
            case 404 -> isApi(path) ? "unknown_method" : "not_found";
            case 405, 501 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "invalid_post_type";
            case 431 -> "headers_too_large";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "fatal_error" : "invalid_request";
        };
    }

    static byte[] body(int status, String path) {
        return ("{\"ok\":false,\"error\":\"" + code(status, path) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isApi(String path) {
        return path != null && path.startsWith("/api/");
    }
}
