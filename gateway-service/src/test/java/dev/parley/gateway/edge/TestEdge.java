package dev.parley.gateway.edge;

import dev.parley.common.remote.ClientAddresses;
import dev.parley.common.remote.InternalSecret;
import dev.parley.gateway.GatewayProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.mock.env.MockEnvironment;

/** The real {@link EdgeServer} on a free port, with a socket endpoint and a servlet port chosen by the test. */
public final class TestEdge implements AutoCloseable {

    private final EdgeServer server;

    private TestEdge(EdgeServer server) {
        this.server = server;
    }

    public static TestEdge start(SocketEndpoint sockets, int servletPort, GatewayProperties properties) {
        return start(sockets, servletPort, properties, new ClientAddresses(new InternalSecret("edge test secret")));
    }

    public static TestEdge start(SocketEndpoint sockets, int servletPort, GatewayProperties properties,
                                 ClientAddresses clientAddresses) {
        ServletBehindEdge servlet = new ServletBehindEdge(new MockEnvironment().withProperty("server.port", "0"));
        EdgeServer server = new EdgeServer(sockets, servlet, properties, clientAddresses);
        server.onApplicationEvent(new ServletWebServerInitializedEvent(new Backend(servletPort), null));
        server.start();
        return new TestEdge(server);
    }

    public int port() {
        return server.port();
    }

    /** Stops the edge as the container does: sockets drained, then the port closed. */
    @Override
    public void close() {
        server.stop();
    }

    /** A port nothing listens on. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stands for the servlet container: all the edge needs of it is its port. */
    private record Backend(int port) implements WebServer {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public int getPort() {
            return port;
        }
    }
}
