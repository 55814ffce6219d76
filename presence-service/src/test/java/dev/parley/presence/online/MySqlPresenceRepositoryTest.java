package dev.parley.presence.online;

import dev.parley.common.testing.TestStore;

/** The manual-away store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlPresenceRepositoryTest extends PresenceRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("presence");
    }
}
