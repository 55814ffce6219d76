package dev.parley.common.api;

import dev.parley.common.auth.TokenVerifier;
import dev.parley.common.remote.InternalSecret;
import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The Web API entry point, present in every process; each process serves the methods of its own roles. */
@AutoConfiguration
@ConditionalOnWebApplication
@org.springframework.context.annotation.Import(dev.parley.common.avatar.AvatarConfiguration.class)
class WebApiAutoConfiguration {

    @Bean
    ApiMethodRegistry apiMethodRegistry(ApplicationContext context) {
        return new ApiMethodRegistry(context);
    }

    @Bean
    ApiForwarder apiForwarder(Environment env, InternalSecret secret) {
        return new ApiForwarder(env, secret);
    }

    @Bean
    ApiDispatcher apiDispatcher(ApiMethodRegistry registry, TokenVerifier tokens, ApiForwarder forwarder,
                                ObjectProvider<ApiRateLimits> limits, InternalSecret secret) {
        return new ApiDispatcher(registry, tokens, forwarder, limits.getIfAvailable(() -> ApiRateLimits.UNLIMITED),
                secret);
    }

    // The role is ApiRoutes.WEBHOOKS; the process that runs it serves /hooks/** itself.
    @Bean
    @ConditionalOnRole(value = Role.WORKSPACE, local = false)
    WebhookForwarder webhookForwarder(ApiForwarder forwarder) {
        return new WebhookForwarder(forwarder);
    }
}
