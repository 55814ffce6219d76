package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** Channel conversions on the embedded adapter (H2 in MySQL mode). */
class H2ChannelConversionTest extends ChannelConversionContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.h2(modules);
    }
}
