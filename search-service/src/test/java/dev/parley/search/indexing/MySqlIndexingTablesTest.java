package dev.parley.search.indexing;

import dev.parley.common.testing.TestStore;

/** The indexer's tables on the real adapter, against the MariaDB/MySQL test server. */
class MySqlIndexingTablesTest extends IndexingTablesContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("search");
    }
}
