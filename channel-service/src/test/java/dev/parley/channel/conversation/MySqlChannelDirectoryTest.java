package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** What search asks of the channel service, on MariaDB/MySQL. */
class MySqlChannelDirectoryTest extends ChannelDirectoryContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.mysql(modules);
    }
}
