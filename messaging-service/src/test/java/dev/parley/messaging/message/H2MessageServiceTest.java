package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** Message limits, redaction and permissions on the embedded adapter (H2 in MySQL mode). */
class H2MessageServiceTest extends MessageServiceContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("messaging", "eventlog");
    }
}
