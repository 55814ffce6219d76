package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** Messages that share files on the embedded adapter (H2 in MySQL mode). */
class H2MessageFilesTest extends MessageFilesContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("messaging", "eventlog");
    }
}
