package dev.parley.channel.stream;

import dev.parley.common.testing.TestStore;

/** The channel stream on the real adapter, against the MariaDB/MySQL test server. */
class MySqlChannelStreamTest extends ChannelStreamContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("channel", "eventlog");
    }
}
