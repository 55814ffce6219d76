package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** Members added by an administrator on the embedded adapter (H2 in MySQL mode). */
class H2AddedMembersTest extends AddedMembersContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.h2(modules);
    }
}
