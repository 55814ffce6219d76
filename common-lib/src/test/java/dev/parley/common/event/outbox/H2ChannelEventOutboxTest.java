package dev.parley.common.event.outbox;

import dev.parley.common.testing.TestStore;

/** The outbox on the embedded store adapter (H2 in MySQL mode). */
class H2ChannelEventOutboxTest extends ChannelEventOutboxContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("eventlog");
    }
}
