package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** The bulk load of history on the embedded adapter (H2 in MySQL mode). */
class H2HistoryImportTest extends HistoryImportContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("messaging", "eventlog");
    }
}
