package dev.parley.gateway;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** The gateway role: the WebSocket edge and the fan-out of channel events to sockets. */
@AutoConfiguration
@ConditionalOnRole(Role.GATEWAY)
@EnableConfigurationProperties(GatewayProperties.class)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
class GatewayAutoConfiguration {
}
