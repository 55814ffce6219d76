package dev.parley.messaging.reaction;

import dev.parley.common.testing.TestStore;

/** reactions.list on the real adapter, against the MariaDB/MySQL test server. */
class MySqlReactionListTest extends ReactionListContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("messaging", "eventlog");
    }
}
