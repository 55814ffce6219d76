package dev.parley.search.lucene;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchProperties;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The embedded search index, the default: Lucene on local disk at {@code parley.search.lucene.path}. */
@AutoConfiguration
@ConditionalOnRole(Role.SEARCH)
@ConditionalOnProperty(name = "parley.search.type", havingValue = "lucene", matchIfMissing = true)
@EnableConfigurationProperties(SearchProperties.class)
class LuceneSearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(SearchProperties properties, Environment env) {
        return new LuceneSearchIndex(path(properties, env));
    }

    /** The configured path, else {@code search} beside the other data under {@code parley.data-dir}. */
    static Path path(SearchProperties properties, Environment env) {
        if (properties.lucene().path() != null) {
            return properties.lucene().path();
        }
        String dataDir = env.getProperty("parley.data-dir", Path.of(System.getProperty("user.home"), ".parley").toString());
        return Path.of(dataDir).resolve("search");
    }
}
