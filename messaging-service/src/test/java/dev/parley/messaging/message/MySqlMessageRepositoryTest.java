package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** The message store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlMessageRepositoryTest extends MessageRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("messaging");
    }
}
