package dev.parley.search;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search configuration ({@code parley.search.*}). {@code type} picks the index adapter: {@code lucene} (the default,
 * an index on local disk under {@code lucene.path}, else {@code <parley.data-dir>/search}) or {@code elasticsearch}
 * (a cluster at {@code elasticsearch.url}, its indices named from {@code elasticsearch.index-prefix}).
 */
@ConfigurationProperties("parley.search")
public record SearchProperties(
        @DefaultValue("lucene") String type,
        @DefaultValue Lucene lucene,
        @DefaultValue Elasticsearch elasticsearch) {

    /** The embedded index: the directory it lives in, or null for {@code <parley.data-dir>/search}. */
    public record Lucene(Path path) {
    }

    /**
     * The Elasticsearch cluster: where it answers, the prefix of every index and alias Parley makes there (so several
     * installations can share a cluster), and the analyzer of message text ({@code standard}, or a language analyzer
     * such as {@code english} where the cluster has the {@code analysis-common} module).
     */
    public record Elasticsearch(URI url, @DefaultValue("parley-") String indexPrefix,
                                @DefaultValue("standard") String analyzer) {
    }
}
