package dev.parley.workspace.identity;

import dev.parley.common.testing.TestStore;

/** The user store on the embedded adapter (H2 in MySQL mode). */
class H2UserRepositoryTest extends UserRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
