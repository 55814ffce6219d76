package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** Reading messages back for the search index, on the embedded adapter (H2 in MySQL mode). */
class H2MessageExportTest extends MessageExportContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("messaging", "eventlog");
    }
}
