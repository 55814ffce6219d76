package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** Members added by an administrator on MariaDB/MySQL. */
class MySqlAddedMembersTest extends AddedMembersContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.mysql(modules);
    }
}
