package dev.parley.files.local;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.files.FilesProperties;
import dev.parley.files.signed.SignedUrls;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The local-disk blob store, the default; its URLs are files-service's own signed ones. */
@AutoConfiguration
@ConditionalOnRole(Role.FILES)
@ConditionalOnProperty(name = "parley.files.store", havingValue = "local", matchIfMissing = true)
@EnableConfigurationProperties(FilesProperties.class)
class LocalBlobStoreConfiguration {

    @Bean
    LocalBlobStore localBlobStore(FilesProperties properties, Environment env, SignedUrls urls) {
        return new LocalBlobStore(properties.localDirectory(env), properties.maxSize().toBytes(),
                urls);
    }
}
