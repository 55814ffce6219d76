package dev.parley.files;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.common.store.SchemaModule;
import dev.parley.files.pipeline.PipelineProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The files role: uploads, the {@code files.*} Web API and its tables. The blob store adapter comes from its own
 * configuration, chosen by {@code parley.files.store}.
 */
@AutoConfiguration
@ConditionalOnRole(Role.FILES)
@EnableConfigurationProperties({FilesProperties.class, PipelineProperties.class})
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
class FilesAutoConfiguration {

    @Bean
    SchemaModule filesSchema() {
        return new SchemaModule("files");
    }
}
