package dev.parley.files.signed;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.files.FilesProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** files-service's own signed URLs and the routes that serve them, over whichever blob store is configured. */
@AutoConfiguration
@ConditionalOnRole(Role.FILES)
@EnableConfigurationProperties(FilesProperties.class)
class SignedUrlConfiguration {

    @Bean
    SignedUrls signedUrls(FilesProperties properties, Environment env) {
        URI publicUrl = properties.publicUrl() != null ? properties.publicUrl()
                : URI.create(env.getProperty("parley.public-url", "http://localhost:8080/"));
        byte[] key = properties.signingKey() != null ? properties.signingKey().getBytes(StandardCharsets.UTF_8)
                : SignedUrls.keptKey(properties.localDirectory(env).resolve(".signing-key"));
        if (key.length < 32) {
            throw new IllegalStateException("parley.files.signing-key must have at least 32 characters");
        }
        return new SignedUrls(key, publicUrl, Clock.systemUTC());
    }

    // Its routes are SignedUrlRoutes, a controller the files role's component scan registers.
}
