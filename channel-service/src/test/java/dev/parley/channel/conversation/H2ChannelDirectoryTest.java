package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** What search asks of the channel service, on the embedded store (H2 in MySQL mode). */
class H2ChannelDirectoryTest extends ChannelDirectoryContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.h2(modules);
    }
}
