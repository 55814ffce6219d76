package dev.parley.presence.dnd;

import dev.parley.common.testing.TestStore;

/** The do-not-disturb snooze store on the embedded adapter (H2 in MySQL mode). */
class H2DndRepositoryTest extends DndRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("presence");
    }
}
