package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** The channel store on the embedded adapter (H2 in MySQL mode). */
class H2ChannelRepositoryTest extends ChannelRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("channel");
    }
}
