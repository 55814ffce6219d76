package dev.parley.workspace.token;

import dev.parley.common.testing.TestStore;

/** The signing key store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlSigningKeyRepositoryTest extends SigningKeyRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
