package dev.parley.workspace.identity;

import dev.parley.common.testing.TestStore;

/** The user store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlUserRepositoryTest extends UserRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
