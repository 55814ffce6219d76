package dev.parley.common.event.outbox;

import dev.parley.common.testing.TestStore;

/** The outbox on the real store adapter, against the MariaDB/MySQL test server. */
class MySqlChannelEventOutboxTest extends ChannelEventOutboxContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("eventlog");
    }
}
