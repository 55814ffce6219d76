package dev.parley.search.indexing;

import dev.parley.search.SearchIndex;
import dev.parley.search.elasticsearch.TestElasticsearch;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The indexing pipeline on a real Elasticsearch 8.19 node shared by the module's tests
 * ({@link TestElasticsearch}); each test has indices of its own.
 */
class ElasticsearchSearchIndexerTest extends SearchIndexerContractTest {

    @Override
    protected SearchIndex newIndex(Path dir) {
        return TestElasticsearch.index("parley-indexer-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }
}
