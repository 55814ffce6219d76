package dev.parley.messaging;

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

/** The messaging role: messages and their history, per-channel ordering. */
@AutoConfiguration
@ConditionalOnRole(Role.MESSAGING)
@Import(OutboxConfiguration.class)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
class MessagingAutoConfiguration {

    @Bean
    SchemaModule messagingSchema() {
        return new SchemaModule("messaging");
    }
}
