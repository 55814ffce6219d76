package dev.parley.search;

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

/**
 * The search role: the indexing pipeline, the {@code search.*} Web API and its tables. The index adapter comes from
 * its own configuration, chosen by {@code parley.search.type}.
 */
@AutoConfiguration
@ConditionalOnRole(Role.SEARCH)
@EnableConfigurationProperties(SearchProperties.class)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
class SearchAutoConfiguration {

    @Bean
    SchemaModule searchSchema() {
        return new SchemaModule("search");
    }
}
