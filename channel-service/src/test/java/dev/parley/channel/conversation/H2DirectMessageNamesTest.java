package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** Group DM names on the embedded adapter (H2 in MySQL mode). */
class H2DirectMessageNamesTest extends DirectMessageNamesContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.h2(modules);
    }
}
