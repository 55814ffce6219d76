package dev.parley.workspace;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.common.store.SchemaModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** The workspace role: identity, sign-in, token issuing, invitations, profiles, user groups and the audit log. */
@AutoConfiguration
@ConditionalOnRole(Role.WORKSPACE)
@EnableConfigurationProperties(WorkspaceProperties.class)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
class WorkspaceAutoConfiguration {

    @Bean
    SchemaModule workspaceSchema() {
        return new SchemaModule("workspace");
    }
}
