package dev.parley.workspace.profile;

import dev.parley.common.testing.TestStore;

/** The profile store on the embedded adapter (H2 in MySQL mode). */
class H2ProfileRepositoryTest extends ProfileRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
