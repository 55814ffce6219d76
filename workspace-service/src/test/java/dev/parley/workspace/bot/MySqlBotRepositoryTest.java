package dev.parley.workspace.bot;

import dev.parley.common.testing.TestStore;

/** The bot store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlBotRepositoryTest extends BotRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
