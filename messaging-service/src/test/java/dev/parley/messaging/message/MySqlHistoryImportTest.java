package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** The bulk load of history on the real adapter, against the MariaDB/MySQL test server. */
class MySqlHistoryImportTest extends HistoryImportContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("messaging", "eventlog");
    }
}
