package dev.parley.common.config;

import dev.parley.common.ratelimit.RateLimiterType;
import dev.parley.common.role.Role;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Stops start-up, before any bean is made, when a {@code parley.*.type} names no adapter or {@code parley.target}
 * names no role, with a message that lists the choices.
 */
@AutoConfiguration
class ParleyConfigValidator {

    static final Map<String, List<String>> ADAPTERS = Map.of(
            "parley.store.type", List.of("h2", "mysql"),
            "parley.eventlog.type", List.of("inprocess", "kafka"),
            "parley.pubsub.type", List.of("inprocess", "redis"),
            "parley.mail.type", List.of("none", "smtp"),
            "parley.search.type", List.of("lucene", "elasticsearch"),
            "parley.files.store", List.of("local", "s3"),
            "parley.files.scanner", List.of("none", "clamav"),
            RateLimiterType.PROPERTY, RateLimiterType.CHOICES);

    @Bean
    static BeanFactoryPostProcessor parleyConfigCheck() {
        return new Check();
    }

    static final class Check implements BeanFactoryPostProcessor, EnvironmentAware {
        private Environment env;

        @Override
        public void setEnvironment(Environment environment) {
            this.env = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            validate(env);
        }
    }

    static void validate(Environment env) {
        ADAPTERS.forEach((property, choices) -> {
            String value = env.getProperty(property);
            if (value != null && !choices.contains(value)) {
                throw new IllegalStateException(property + "=" + value + " is not an adapter Parley has; choose one of "
                        + choices);
            }
        });
        Role.enabled(env);
    }
}
