package dev.parley.search.indexing;

import dev.parley.search.SearchIndex;
import dev.parley.search.lucene.LuceneSearchIndex;
import java.nio.file.Path;

/** Reindexing on the embedded Lucene index. */
class LuceneReindexerTest extends ReindexerContractTest {

    @Override
    protected SearchIndex newIndex(Path dir) {
        return new LuceneSearchIndex(dir);
    }
}
