package dev.parley.gateway.rtm;

import dev.parley.common.auth.Caller;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One authenticated socket: who it is, the channels whose events it receives, and a bounded send buffer. A socket
 * too slow to drain its buffer is closed (the client resyncs) rather than slowing the others.
 */
public final class Connection {

    static final int SEND_BUFFER_BYTES = 512 * 1024;
    static final int SEND_TIME_LIMIT_MS = 10_000;

    private final Caller caller;
    private final WebSocketSession session;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();

    Connection(Caller caller, WebSocketSession session) {
        this.caller = caller;
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    }

    public Caller caller() {
        return caller;
    }

    public String id() {
        return session.getId();
    }

    boolean follows(String channelId) {
        return channels.contains(channelId);
    }

    void follow(String channelId) {
        channels.add(channelId);
    }

    void followAll(Collection<String> channelIds) {
        channels.addAll(channelIds);
    }

    void unfollow(String channelId) {
        channels.remove(channelId);
    }

    /** Sends a frame; a socket that is gone or overflowing is closed and the failure swallowed. */
    void send(String json) {
        try {
            session.sendMessage(new TextMessage(json));
        } catch (IOException | IllegalStateException | org.springframework.web.socket.handler.SessionLimitExceededException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException ignored) {
            // Already gone.
        }
    }
}
