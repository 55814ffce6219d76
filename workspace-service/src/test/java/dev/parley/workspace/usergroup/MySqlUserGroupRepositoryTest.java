package dev.parley.workspace.usergroup;

import dev.parley.common.testing.TestStore;

/** The usergroup store on MariaDB/MySQL, the distributed adapter. */
class MySqlUserGroupRepositoryTest extends UserGroupRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
