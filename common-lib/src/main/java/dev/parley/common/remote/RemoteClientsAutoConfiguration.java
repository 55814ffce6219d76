package dev.parley.common.remote;

import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.client.People;
import dev.parley.common.auth.AuthProperties;
import dev.parley.common.auth.JwksPublicKeys;
import dev.parley.common.auth.OpaqueTokens;
import dev.parley.common.auth.PublicKeys;
import dev.parley.common.auth.TokenRevocations;
import dev.parley.common.auth.TokenVerifier;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.files.client.FilesClient;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.presence.client.PresenceClient;
import dev.parley.workspace.client.WorkspaceClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.client.support.RestClientAdapter;

/**
 * Service-to-service wiring: a typed client of a service that runs elsewhere becomes an HTTP proxy to
 * {@code parley.services.<role>.url}; one that runs here is the service's own bean. Also guards {@code /internal/**}.
 */
@AutoConfiguration
@EnableConfigurationProperties(AuthProperties.class)
class RemoteClientsAutoConfiguration {

    @Bean
    InternalSecret internalSecret(Environment env) {
        return InternalSecret.from(env);
    }

    @Bean
    ClientAddresses clientAddresses(InternalSecret secret) {
        return new ClientAddresses(secret);
    }

    @Bean
    WebMvcConfigurer internalEndpointGuard(InternalSecret secret) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if (secret.matches(request.getHeader(InternalSecret.HEADER))) {
                            return true;
                        }
                        response.setStatus(403);
                        return false;
                    }
                }).addPathPatterns("/internal/**");
            }
        };
    }

    @Bean
    TokenRevocations tokenRevocations(PubSub pubSub, TtlKeys keys, AuthProperties auth) {
        // Kept a little longer than a session token lives: after that a revoked token has expired anyway.
        return new TokenRevocations(pubSub, keys, auth.revocationRetention(), Duration.ofSeconds(30));
    }

    @Bean
    TokenVerifier tokenVerifier(PublicKeys keys, TokenRevocations revocations, OpaqueTokens opaque,
                                AuthProperties auth) {
        return new TokenVerifier(keys, revocations, opaque, java.util.Set.copyOf(auth.algorithms()));
    }

    @Bean
    People people(ObjectProvider<ChannelClient> channels) {
        return new People(channels::getObject);
    }

    // Lazy: a process builds only the proxies it injects, so it needs only those services' URLs.
    @Bean
    @Lazy
    @ConditionalOnRole(value = Role.WORKSPACE, local = false)
    WorkspaceClient remoteWorkspaceClient(Environment env, InternalSecret secret) {
        return proxy(WorkspaceClient.class, Role.WORKSPACE, env, secret);
    }

    @Bean
    @ConditionalOnRole(value = Role.WORKSPACE, local = false)
    PublicKeys remotePublicKeys(WorkspaceClient workspace, AuthProperties auth) {
        return new JwksPublicKeys(workspace::jwks, auth.jwksRefresh());
    }

    @Bean
    @ConditionalOnRole(value = Role.WORKSPACE, local = false)
    OpaqueTokens remoteOpaqueTokens(WorkspaceClient workspace) {
        return hash -> workspace.opaqueToken(new WorkspaceClient.TokenHash(hash));
    }

    @Bean
    @Lazy
    @ConditionalOnRole(value = Role.CHANNEL, local = false)
    ChannelClient remoteChannelClient(Environment env, InternalSecret secret) {
        return proxy(ChannelClient.class, Role.CHANNEL, env, secret);
    }

    @Bean
    @Lazy
    @ConditionalOnRole(value = Role.MESSAGING, local = false)
    MessagingClient remoteMessagingClient(Environment env, InternalSecret secret) {
        return proxy(MessagingClient.class, Role.MESSAGING, env, secret);
    }

    @Bean
    @Lazy
    @ConditionalOnRole(value = Role.PRESENCE, local = false)
    PresenceClient remotePresenceClient(Environment env, InternalSecret secret) {
        return proxy(PresenceClient.class, Role.PRESENCE, env, secret);
    }

    @Bean
    @Lazy
    @ConditionalOnRole(value = Role.FILES, local = false)
    FilesClient remoteFilesClient(Environment env, InternalSecret secret) {
        return proxy(FilesClient.class, Role.FILES, env, secret);
    }

    static <T> T proxy(Class<T> type, Role role, Environment env, InternalSecret secret) {
        String property = "parley.services." + role.id() + ".url";
        String url = env.getProperty(property, "");
        if (url.isBlank()) {
            throw new IllegalStateException("This process does not run the " + role.id()
                    + " role, so it needs " + property + " to reach it");
        }
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
        requests.setReadTimeout(Duration.ofSeconds(30));
        RestClient rest = RestClient.builder()
                .baseUrl(url)
                .requestFactory(requests)
                .defaultHeader(InternalSecret.HEADER, secret.value())
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(type);
    }
}
