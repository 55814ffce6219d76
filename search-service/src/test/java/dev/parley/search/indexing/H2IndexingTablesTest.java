package dev.parley.search.indexing;

import dev.parley.common.testing.TestStore;

/** The indexer's tables on the embedded adapter (H2 in MySQL mode). */
class H2IndexingTablesTest extends IndexingTablesContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("search");
    }
}
