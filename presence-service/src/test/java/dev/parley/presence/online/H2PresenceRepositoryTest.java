package dev.parley.presence.online;

import dev.parley.common.testing.TestStore;

/** The manual-away store on the embedded adapter (H2 in MySQL mode). */
class H2PresenceRepositoryTest extends PresenceRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("presence");
    }
}
