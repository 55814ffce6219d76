package dev.parley.workspace.bot;

import dev.parley.common.testing.TestStore;

/** The bot store on the embedded adapter (H2 in MySQL mode). */
class H2BotRepositoryTest extends BotRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
