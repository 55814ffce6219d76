package dev.parley.files.processing;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.files.FilesProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The content processors the files pipeline calls, bounded by {@code parley.files.processing.*}. */
@AutoConfiguration
@ConditionalOnRole(Role.FILES)
@EnableConfigurationProperties(FilesProperties.class)
class ProcessingConfiguration {

    @Bean
    ContentSniffer contentSniffer() {
        return new ContentSniffer();
    }

    @Bean
    Thumbnailer thumbnailer(FilesProperties properties) {
        return new Thumbnailer(properties.processing().maxImagePixels());
    }

    @Bean
    TextExtractor textExtractor() {
        return new TextExtractor();
    }
}
