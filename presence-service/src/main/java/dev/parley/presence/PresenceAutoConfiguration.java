package dev.parley.presence;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.common.store.SchemaModule;
import dev.parley.presence.online.PresenceProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** The presence role: presence from gateway heartbeats, manual away, do-not-disturb snoozes and custom status. */
@AutoConfiguration
@ConditionalOnRole(Role.PRESENCE)
@EnableConfigurationProperties(PresenceProperties.class)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
class PresenceAutoConfiguration {

    @Bean
    SchemaModule presenceSchema() {
        return new SchemaModule("presence");
    }
}
