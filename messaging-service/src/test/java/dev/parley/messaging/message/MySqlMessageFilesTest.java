package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** Messages that share files on the real adapter, against the MariaDB/MySQL test server. */
class MySqlMessageFilesTest extends MessageFilesContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("messaging", "eventlog");
    }
}
