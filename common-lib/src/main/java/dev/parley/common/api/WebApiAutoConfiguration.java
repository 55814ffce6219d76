package dev.parley.common.api;

import dev.parley.common.auth.TokenVerifier;
import dev.parley.common.remote.ClientAddresses;
import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The Web API entry point, present in every process; each process serves the methods of its own roles. Also makes
 * sure every request the dispatcher reads reaches it untouched, and that whatever is refused before it is answered
 * in Slack's envelope, never with a server error or a stack trace.
 */
@AutoConfiguration(before = {MultipartAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication
@org.springframework.context.annotation.Import(dev.parley.common.avatar.AvatarConfiguration.class)
class WebApiAutoConfiguration {

    @Bean
    ApiMethodRegistry apiMethodRegistry(ApplicationContext context) {
        return new ApiMethodRegistry(context);
    }

    @Bean
    ApiMethodsEndpoint apiMethodsEndpoint(ApiMethodRegistry registry) {
        return new ApiMethodsEndpoint(registry);
    }

    @Bean
    ApiForwarder apiForwarder(Environment env, ClientAddresses clientAddresses) {
        return new ApiForwarder(env, clientAddresses);
    }

    @Bean
    ApiDispatcher apiDispatcher(ApiMethodRegistry registry, TokenVerifier tokens, ApiForwarder forwarder,
                                ObjectProvider<ApiRateLimits> limits, ClientAddresses clientAddresses) {
        return new ApiDispatcher(registry, tokens, forwarder, ApiRateLimits.all(limits.orderedStream().toList()),
                clientAddresses);
    }

    // The role is ApiRoutes.WEBHOOKS; the process that runs it serves /hooks/** itself.
    @Bean
    @ConditionalOnRole(value = Role.WORKSPACE, local = false)
    WebhookForwarder webhookForwarder(ApiForwarder forwarder) {
        return new WebhookForwarder(forwarder);
    }

    // The process that runs the files role serves its file and blob URLs itself.
    @Bean
    @ConditionalOnRole(value = Role.FILES, local = false)
    FilesForwarder filesForwarder(ApiForwarder forwarder, ClientAddresses clientAddresses) {
        return new FilesForwarder(forwarder, clientAddresses);
    }

    @Bean
    ApiErrorController apiErrorController() {
        return new ApiErrorController();
    }

    /** Multipart bodies are held to the Web API's body limit, in memory (no temporary files to clean up). */
    @Bean
    MultipartConfigElement multipartConfigElement() {
        return new MultipartConfigElement("", ApiRequestParser.MAX_BODY_BYTES, ApiRequestParser.MAX_BODY_BYTES,
                ApiRequestParser.MAX_BODY_BYTES);
    }

    /**
     * Spring would parse a multipart body before the dispatcher and fail the request with a server error when it is
     * malformed; left alone, the parser answers {@code invalid_form_data} and a forwarded call keeps its body.
     */
    @Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    MultipartResolver multipartResolver() {
        return new MultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return false;
            }

            @Override
            public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) {
                throw new UnsupportedOperationException("multipart bodies are read by the Web API dispatcher");
            }

            @Override
            public void cleanupMultipart(MultipartHttpServletRequest request) {
            }
        };
    }

    /**
     * Spring's form filter reads PUT, PATCH and DELETE form bodies before the dispatcher, so their arguments would be
     * lost and a malformed one would fail with a server error: it is registered switched off.
     */
    @Bean
    FormContentFilter formContentFilter() {
        return new FormContentFilter();
    }

    @Bean
    FilterRegistrationBean<FormContentFilter> formContentFilterOff(FormContentFilter filter) {
        FilterRegistrationBean<FormContentFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** Tomcat's answer to a request it refuses itself is Slack's envelope too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> slackErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        // The host adds a valve of this class only when none is there yet.
                        host.setErrorReportValveClass(SlackErrorReportValve.class.getName());
                    }
                    Pipeline pipeline = context.getParent().getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            pipeline.removeValve(valve);
                        }
                    }
                    pipeline.addValve(new SlackErrorReportValve());
                });
            }
        };
    }
}
