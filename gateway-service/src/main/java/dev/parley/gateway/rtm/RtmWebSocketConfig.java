package dev.parley.gateway.rtm;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Serves {@code /rtm}: origin allow-list, token check before the upgrade, and frame size limits. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RtmWebSocketConfig implements WebSocketConfigurer {

    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final RtmHandler handler;
    private final RtmHandshakeInterceptor handshake;
    private final String[] allowedOrigins;

    RtmWebSocketConfig(RtmHandler handler, RtmHandshakeInterceptor handshake, Environment env) {
        this.handler = handler;
        this.handshake = handshake;
        this.allowedOrigins = env.getProperty("parley.gateway.allowed-origins", String[].class, new String[] {"*"});
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/rtm").addInterceptors(handshake).setAllowedOriginPatterns(allowedOrigins);
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxSessionIdleTimeout(0L);
        return container;
    }
}
