package dev.parley.presence.dnd;

import dev.parley.common.testing.TestStore;

/** The do-not-disturb snooze store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlDndRepositoryTest extends DndRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("presence");
    }
}
