package dev.parley.presence.status;

import dev.parley.common.testing.TestStore;

/** The custom status store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlStatusRepositoryTest extends StatusRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("presence");
    }
}
