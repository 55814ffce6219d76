package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** Channel conversions on MariaDB/MySQL. */
class MySqlChannelConversionTest extends ChannelConversionContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.mysql(modules);
    }
}
