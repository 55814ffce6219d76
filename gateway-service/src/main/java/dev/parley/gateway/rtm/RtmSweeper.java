package dev.parley.gateway.rtm;

import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.connection.Connection;
import dev.parley.gateway.connection.Connections;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import dev.parley.gateway.Periodic;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One pass a second over the sockets, instead of a timer each: pings the quiet ones, closes the silent ones, warns a
 * minute before a token expires and closes the socket when it has (unless the client sent a fresh token).
 */
@Component
class RtmSweeper implements SmartLifecycle {

    static final long EXPIRY_WARNING_MILLIS = 60_000;

    private final Connections connections;
    private final GatewayProperties properties;
    private final Periodic timer = new Periodic("rtm-sweeper").every(Duration.ofSeconds(1), this::sweep);

    RtmSweeper(Connections connections, GatewayProperties properties) {
        this.connections = connections;
        this.properties = properties;
    }

    void sweep() {
        long now = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        long ping = properties.pingInterval().toNanos();
        long idle = properties.idleTimeout().toNanos();
        for (Connection c : connections.all()) {
            if (!c.isOpen()) {
                continue;
            }
            long expiresAt = c.tokenExpiresAtMillis();
            if (nowMillis >= expiresAt) {
                c.send("{\"type\":\"error\",\"error\":{\"code\":401,\"msg\":\"token_expired\"}}");
                c.close(Connection.CLOSE_TOKEN_EXPIRED, "token_expired");
                continue;
            }
            if (expiresAt - nowMillis <= EXPIRY_WARNING_MILLIS && c.warnExpiry()) {
                c.send("{\"type\":\"token_expiring\",\"expires_at\":" + expiresAt / 1000 + "}");
            }
            long quiet = now - c.lastSeenNanos();
            if (quiet >= idle) {
                c.close(Connection.CLOSE_IDLE, "idle_timeout");
            } else if (quiet >= ping && now - c.pingedNanos() >= ping) {
                // Once per ping interval of silence, however far apart the sweeps fall.
                c.pinged(now);
                c.channel().writeAndFlush(new PingWebSocketFrame());
            }
        }
    }

    @Override
    public void start() {
        timer.start();
    }

    @Override
    public void stop() {
        timer.stop();
    }

    @Override
    public boolean isRunning() {
        return timer.isRunning();
    }
}
