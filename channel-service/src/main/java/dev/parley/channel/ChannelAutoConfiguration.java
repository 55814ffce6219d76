package dev.parley.channel;

import dev.parley.common.event.outbox.OutboxConfiguration;
import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.common.store.SchemaModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/** The channel role: conversations and their membership. */
@AutoConfiguration
@ConditionalOnRole(Role.CHANNEL)
@Import(OutboxConfiguration.class)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
class ChannelAutoConfiguration {

    @Bean
    SchemaModule channelSchema() {
        return new SchemaModule("channel");
    }
}
