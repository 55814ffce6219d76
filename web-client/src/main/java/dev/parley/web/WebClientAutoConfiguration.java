package dev.parley.web;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Serves the web client wherever clients connect: every process that runs the gateway role (standalone included). */
@AutoConfiguration
@ConditionalOnRole(Role.GATEWAY)
@EnableConfigurationProperties(WebClientProperties.class)
class WebClientAutoConfiguration {

    @Bean
    FilterRegistrationBean<WebClientFilter> webClientFilter(WebClientProperties properties) {
        WebAssets assets = properties.dir() == null ? WebAssets.fromClasspath() : WebAssets.fromDirectory(properties.dir());
        FilterRegistrationBean<WebClientFilter> registration = new FilterRegistrationBean<>(new WebClientFilter(assets));
        registration.addUrlPatterns("/*");
        // Early: a request for the app never needs authentication, rate limits or the API's error mapping.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
