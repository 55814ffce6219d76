package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** The channel store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlChannelRepositoryTest extends ChannelRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("channel");
    }
}
