package dev.parley.workspace.profile;

import dev.parley.common.testing.TestStore;

/** The user directory on the real adapter, against the MariaDB/MySQL test server. */
class MySqlUserDirectoryTest extends UserDirectoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
