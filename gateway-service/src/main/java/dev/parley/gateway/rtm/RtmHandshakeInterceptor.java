package dev.parley.gateway.rtm;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.TokenVerifier;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/** Checks the token before the upgrade: no valid token, no socket (401, nothing upgraded). */
@Component
class RtmHandshakeInterceptor implements HandshakeInterceptor {

    static final String CALLER = "parley.caller";

    private final TokenVerifier tokens;

    RtmHandshakeInterceptor(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String token = null;
        String header = request.getHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        }
        if (token == null || token.isEmpty()) {
            token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("token");
        }
        try {
            Caller caller = tokens.verify(token);
            attributes.put(CALLER, caller);
            return true;
        } catch (SlackApiException e) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
