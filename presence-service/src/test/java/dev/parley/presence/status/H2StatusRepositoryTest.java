package dev.parley.presence.status;

import dev.parley.common.testing.TestStore;

/** The custom status store on the embedded adapter (H2 in MySQL mode). */
class H2StatusRepositoryTest extends StatusRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("presence");
    }
}
