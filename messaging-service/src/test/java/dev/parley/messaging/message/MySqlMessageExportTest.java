package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** Reading messages back for the search index, on the real adapter, against the MariaDB/MySQL test server. */
class MySqlMessageExportTest extends MessageExportContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("messaging", "eventlog");
    }
}
