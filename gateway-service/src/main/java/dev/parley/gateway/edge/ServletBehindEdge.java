package dev.parley.gateway.edge;

import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In a process with the gateway role, the edge owns the public port ({@code server.port}); the servlet container
 * that serves the Web API moves to a free loopback port behind it, reachable only through the edge.
 */
@Component
class ServletBehindEdge implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

    private final int publicPort;
    private final String publicAddress;

    ServletBehindEdge(Environment env) {
        this.publicPort = env.getProperty("server.port", Integer.class, 8080);
        this.publicAddress = env.getProperty("server.address");
    }

    int publicPort() {
        return publicPort;
    }

    /** The address the edge binds: {@code server.address} when set, else every interface. */
    java.net.InetSocketAddress publicEndpoint() {
        return publicAddress == null || publicAddress.isBlank() ? new java.net.InetSocketAddress(publicPort)
                : new java.net.InetSocketAddress(publicAddress, publicPort);
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        factory.setPort(0);
        factory.setAddress(java.net.InetAddress.getLoopbackAddress());
    }

    @Override
    public int getOrder() {
        // After Spring Boot's own customizer, which applies server.port.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
