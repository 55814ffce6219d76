package dev.parley.workspace.profile;

import dev.parley.common.testing.TestStore;

/** The profile store on MariaDB/MySQL, the distributed adapter. */
class MySqlProfileRepositoryTest extends ProfileRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
