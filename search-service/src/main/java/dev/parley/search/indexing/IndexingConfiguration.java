package dev.parley.search.indexing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The indexing pipeline's settings; its parts are components of this package. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexingProperties.class)
class IndexingConfiguration {
}
