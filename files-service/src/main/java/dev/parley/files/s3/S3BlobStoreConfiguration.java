package dev.parley.files.s3;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.files.FilesProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The S3 blob store, chosen by {@code parley.files.store=s3}. */
@AutoConfiguration
@ConditionalOnRole(Role.FILES)
@ConditionalOnProperty(name = "parley.files.store", havingValue = "s3")
@EnableConfigurationProperties(FilesProperties.class)
class S3BlobStoreConfiguration {

    @Bean(destroyMethod = "close")
    S3BlobStore s3BlobStore(FilesProperties properties) {
        return S3BlobStore.connect(properties.s3(), properties.maxSize().toBytes());
    }
}
