package dev.parley.files.metadata;

import dev.parley.common.testing.TestStore;

/** The files' tables on the embedded adapter (H2 in MySQL mode). */
class H2FileTablesTest extends FileTablesContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("files");
    }
}
