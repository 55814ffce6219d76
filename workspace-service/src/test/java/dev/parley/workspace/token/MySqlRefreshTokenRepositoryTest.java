package dev.parley.workspace.token;

import dev.parley.common.testing.TestStore;

/** The refresh token store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlRefreshTokenRepositoryTest extends RefreshTokenRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
