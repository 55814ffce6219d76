package dev.parley.common.api;

import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenVerifier;
import dev.parley.common.json.SlackJson;
import dev.parley.common.remote.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one HTTP entry point of the Web API, {@code /api/<method>}: finds the handler (or the service to forward to),
 * reads the arguments, authenticates, invokes, and writes Slack's envelope. Handlers never see HTTP.
 */
@RestController
class ApiDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,99}");

    private final ApiMethodRegistry registry;
    private final TokenVerifier tokens;
    private final ApiForwarder forwarder;
    private final ApiRateLimits limits;
    private final ClientAddresses clientAddresses;

    ApiDispatcher(ApiMethodRegistry registry, TokenVerifier tokens, ApiForwarder forwarder, ApiRateLimits limits,
                  ClientAddresses clientAddresses) {
        this.registry = registry;
        this.tokens = tokens;
        this.forwarder = forwarder;
        this.limits = limits;
        this.clientAddresses = clientAddresses;
    }

    @RequestMapping("/api/{method}")
    void dispatch(@PathVariable String method, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, Object> body;
        try {
            body = handle(method, request, response);
            if (body == null) {
                return; // forwarded: the owning service wrote the answer
            }
        } catch (RateLimitedException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            response.setStatus(429);
            writeJson(response, error(e));
            return;
        } catch (SlackApiException e) {
            body = error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body = error(new SlackApiException("service_unavailable"));
        } catch (Throwable e) {
            log.error("Web API method {} failed", method, e);
            body = error(new SlackApiException("fatal_error"));
        }
        response.setStatus(200);
        writeJson(response, body);
    }

    private static void writeJson(HttpServletResponse response, Map<String, Object> body) throws IOException {
        byte[] json;
        try {
            json = SlackJson.writeBytes(body);
        } catch (IllegalStateException e) {
            // An answer that cannot be written is a bug, said in the log; the client still gets Slack's envelope.
            log.error("A Web API answer could not be written", e);
            json = SlackJson.writeBytes(error(new SlackApiException("fatal_error")));
        }
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(json);
    }

    private Map<String, Object> handle(String method, HttpServletRequest request, HttpServletResponse response)
            throws Throwable {
        if (!METHOD_NAME.matcher(method).matches()) {
            throw new SlackApiException("unknown_method");
        }
        if (method.equals("api.test")) {
            Map<String, Object> params = ApiRequestParser.parse(request);
            Map<String, Object> ok = ok(Map.of());
            if (params.containsKey("error")) {
                return error(new SlackApiException(String.valueOf(params.get("error"))));
            }
            if (!params.isEmpty()) {
                ok.put("args", params);
            }
            return ok;
        }
        Optional<ApiMethodRegistry.Handler> handler = registry.find(method);
        if (handler.isEmpty()) {
            Optional<String> remote = forwarder.target(method);
            if (remote.isEmpty()) {
                throw new SlackApiException("unknown_method");
            }
            try {
                forwarder.forward(remote.get(), method, request, response);
            } catch (IOException e) {
                log.warn("Forwarding {} to {} failed: {}", method, remote.get(), e.toString());
                throw new SlackApiException("service_unavailable");
            }
            return null;
        }
        ApiMethod rules = handler.get().rules();
        response.setHeader("X-Accepted-OAuth-Scopes", String.join(",", rules.scopes()));
        Map<String, Object> params = ApiRequestParser.parse(request);
        Caller caller = authenticate(request, params, rules.authenticated());
        if (caller != null) {
            response.setHeader("X-OAuth-Scopes", Scopes.join(caller.scopes()));
            authorize(rules, caller);
        }
        String address = clientAddresses.of(request);
        limits.check(new ApiRateLimits.Call(method, rules.tier(), caller, params, address));
        String userAgent = request.getHeader("User-Agent");
        ApiRequest.Client client = new ApiRequest.Client(address,
                userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 255)));
        Object result = handler.get().invoke(new ApiRequest(method, params, caller, client));
        return ok(result instanceof ApiResult r ? r.fields() : Map.of());
    }

    private Caller authenticate(HttpServletRequest request, Map<String, Object> params, boolean required) {
        String token = bearer(request.getHeader("Authorization"));
        if (token == null && params.get("token") instanceof String t && !t.isBlank()) {
            token = t;
        }
        if (token == null) {
            if (required) {
                throw new SlackApiException("not_authed");
            }
            return null;
        }
        if (!required) {
            // A method that needs no token is not refused for a stale one: a client refreshes (oauth.v2.access) or
            // signs in precisely because its token expired or was revoked.
            try {
                return tokens.verify(token);
            } catch (SlackApiException stale) {
                return null;
            }
        }
        return tokens.verify(token);
    }

    /** The rules every service shares: token kind, then scopes, then role. */
    static void authorize(ApiMethod rules, Caller caller) {
        if (!java.util.Arrays.asList(rules.tokens()).contains(caller.kind())) {
            throw new SlackApiException("not_allowed_token_type");
        }
        if (rules.scopes().length > 0) {
            caller.requireScope(rules.scopes());
        }
        switch (rules.access()) {
            case ANYONE -> {
            }
            case MEMBERS -> caller.requireFullMember();
            case ADMINS -> caller.requireAdmin();
            case OWNERS -> {
                if (!caller.isOwner()) {
                    throw new SlackApiException("not_an_owner");
                }
            }
        }
    }

    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static Map<String, Object> ok(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.putAll(fields);
        return body;
    }

    private static Map<String, Object> error(SlackApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error", e.error());
        body.putAll(e.extra());
        return body;
    }
}
