package dev.parley.messaging.reaction;

import dev.parley.common.testing.TestStore;

/** reactions.list on the embedded adapter (H2 in MySQL mode). */
class H2ReactionListTest extends ReactionListContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("messaging", "eventlog");
    }
}
