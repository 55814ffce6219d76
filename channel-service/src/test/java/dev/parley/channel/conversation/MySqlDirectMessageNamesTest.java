package dev.parley.channel.conversation;

import dev.parley.common.testing.TestStore;

/** Group DM names on the real adapter, against the MariaDB/MySQL test server. */
class MySqlDirectMessageNamesTest extends DirectMessageNamesContractTest {

    @Override
    protected TestStore createStore(String... modules) {
        return TestStore.mysql(modules);
    }
}
