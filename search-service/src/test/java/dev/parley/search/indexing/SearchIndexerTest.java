package dev.parley.search.indexing;

import dev.parley.search.SearchIndex;
import dev.parley.search.lucene.LuceneSearchIndex;
import java.nio.file.Path;

/** The indexing pipeline on the embedded Lucene index. */
class SearchIndexerTest extends SearchIndexerContractTest {

    @Override
    protected SearchIndex newIndex(Path dir) {
        return new LuceneSearchIndex(dir);
    }
}
