package dev.parley.files.access;

import dev.parley.files.FilesProperties;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The file URLs, at the address where clients reach files-service (as its signed URLs are). */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    FileUrls fileUrls(FilesProperties properties, Environment env) {
        return new FileUrls(properties.publicUrl() != null ? properties.publicUrl()
                : URI.create(env.getProperty("parley.public-url", "http://localhost:8080/")));
    }

    @Bean
    FileObjects fileObjects(FileUrls urls) {
        return new FileObjects(urls);
    }
}
