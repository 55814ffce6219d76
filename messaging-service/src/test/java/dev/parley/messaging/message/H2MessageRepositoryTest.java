package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** The message store on the embedded adapter (H2 in MySQL mode). */
class H2MessageRepositoryTest extends MessageRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("messaging");
    }
}
