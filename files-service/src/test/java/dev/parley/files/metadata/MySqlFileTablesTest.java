package dev.parley.files.metadata;

import dev.parley.common.testing.TestStore;

/** The files' tables on the real adapter, against the MariaDB/MySQL test server. */
class MySqlFileTablesTest extends FileTablesContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("files");
    }
}
