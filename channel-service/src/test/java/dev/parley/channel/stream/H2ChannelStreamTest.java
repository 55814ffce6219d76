package dev.parley.channel.stream;

import dev.parley.common.testing.TestStore;

/** The channel stream on the embedded adapter (H2 in MySQL mode). */
class H2ChannelStreamTest extends ChannelStreamContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("channel", "eventlog");
    }
}
